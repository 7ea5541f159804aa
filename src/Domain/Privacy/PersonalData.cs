namespace EventSourced.Domain.Privacy;

/// <summary>
/// Which stored data identifies a person, and what replaces it when that person is forgotten (docs/privacy.md). An
/// enrollee is identified by <c>EnrollmentCreated.UserId</c> (and so <c>program_enrollments.user_id</c>); nothing else the
/// service stores names them. The replacement is unique per enrollment (so the one-active-enrollment-per-user-and-program
/// rule still holds for the rows) and says nothing about the person.
/// </summary>
public static class PersonalData
{
    public const string ErasedPrefix = "erased-";

    public static string ErasedUserId(Guid enrollmentId) => $"{ErasedPrefix}{enrollmentId:N}";

    public static bool IsErased(string userId) => userId.StartsWith(ErasedPrefix, StringComparison.Ordinal);
}
