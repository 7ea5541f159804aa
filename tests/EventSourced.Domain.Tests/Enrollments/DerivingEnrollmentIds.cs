using EventSourced.Domain.Enrollments;

namespace EventSourced.Domain.Tests.Enrollments;

/// <summary>The enrollment id of an external event: a name-based UUID (RFC 9562 version 5) of "source:eventId".</summary>
public class DerivingEnrollmentIds
{
    [Fact]
    public void GivenTheSameEvent_WhenDerivedTwice_ThenTheIdIsTheSame() =>
        EnrollmentIds.ForExternalEvent("kintell", "evt-1").ShouldBe(EnrollmentIds.ForExternalEvent("kintell", "evt-1"));

    // Expected values computed independently with Python's uuid.uuid5(UUID('5b0f3c9e-2a61-4d3b-9f57-0c8e6a1d4e21'), name):
    // they pin the namespace and the byte order, so stored stream ids keep matching redelivered events.
    [Theory]
    [InlineData("kintell", "evt-1", "a7dc0eb4-1113-5990-9766-cc79a6e3dfec")]
    [InlineData("buddy", "evt-1", "b860a86e-acb6-5328-9d05-f6626c93811b")]
    [InlineData("kintell", "evt-2", "c5b41099-e9eb-54ae-a0aa-fb67f5ca0c9e")]
    [InlineData("upskilling", "ü-42", "3604ec99-35d3-535b-b170-b980f921b601")]
    public void GivenEvent_WhenDerived_ThenTheIdIsTheStandardVersion5Uuid(string source, string eventId, string expected) =>
        EnrollmentIds.ForExternalEvent(source, eventId).ShouldBe(Guid.Parse(expected));

    [Fact]
    public void GivenTheSameEventIdFromAnotherSource_WhenDerived_ThenTheIdDiffers() =>
        EnrollmentIds.ForExternalEvent("kintell", "evt-1").ShouldNotBe(EnrollmentIds.ForExternalEvent("buddy", "evt-1"));

    [Fact]
    public void GivenAnotherEventIdFromTheSameSource_WhenDerived_ThenTheIdDiffers() =>
        EnrollmentIds.ForExternalEvent("kintell", "evt-1").ShouldNotBe(EnrollmentIds.ForExternalEvent("kintell", "evt-2"));

    [Theory]
    [InlineData("kintell", "evt-1")]
    [InlineData("buddy", "match-7")]
    [InlineData("upskilling", "")]
    public void GivenEvent_WhenDerived_ThenTheVersionIs5AndTheVariantIsRfc(string source, string eventId)
    {
        var id = EnrollmentIds.ForExternalEvent(source, eventId);

        id.Version.ShouldBe(5);
        (id.Variant & 0b1100).ShouldBe(0b1000, "the variant bits are 10 (RFC 9562)");
        var text = id.ToString("D");
        text[14].ShouldBe('5');
        text[19].ShouldBeOneOf('8', '9', 'a', 'b');
    }
}
