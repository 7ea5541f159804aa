using System.Globalization;
using EventSourced.Domain.Common;
using EventSourced.Host.Http.Answers;
using Microsoft.Net.Http.Headers;

namespace EventSourced.Host.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a single aggregate's <c>ETag</c> is its stream version (a strong tag, <c>"3"</c>); a write
/// sent with <c>If-Match: "3"</c> is decided only if the stream is still at version 3, otherwise answered 412. Without
/// <c>If-Match</c> (or with <c>*</c>) a write is decided on the current state, as it always was.
/// </summary>
public static class StreamVersionHeaders
{
    public const string IfMatchField = "If-Match";

    /// <summary>Sets the response's <c>ETag</c> to <paramref name="version"/>.</summary>
    public static void SetETag(this HttpContext context, long version) =>
        context.Response.Headers.ETag = new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();

    /// <summary>
    /// The stream version named by the request's <c>If-Match</c>: null when absent or <c>*</c>. A header that is not one
    /// entity tag is a 400 naming the header; a weak tag or one this service never issued can never match (RFC 9110 compares
    /// If-Match strongly), so it is <c>-1</c>, which no stream has: the write is answered 412 with the current version.
    /// </summary>
    public static bool TryReadIfMatch(this HttpContext context, out long? expectedVersion, out Problem? problem)
    {
        expectedVersion = null;
        problem = null;
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count != 1)
        {
            problem = DomainError.Validation([new FieldError(IfMatchField, $"'{IfMatchField}' must be one entity tag (the ETag of the resource, e.g. \"3\") or *.")])
                .ToProblem(context);
            return false;
        }

        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any))
        {
            return true;
        }

        var text = tag.Tag.AsSpan().Trim('"');
        expectedVersion = !tag.IsWeak && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : -1;
        return true;
    }

    /// <summary>
    /// 200 with the view of aggregate <paramref name="id"/> and its <c>ETag</c>, or <paramref name="notFound"/>. The stream's
    /// version is read before the view: a write landing between the two reads leaves the tag older than the view, so a
    /// conditional write based on it is refused (412) rather than let over a change the client has not seen.
    /// </summary>
    public static async Task<Found<TView>> OkWithETagAsync<TView>(this HttpContext context, Marten.IQuerySession session, Guid id,
        Func<Marten.IQuerySession, Guid, CancellationToken, Task<TView?>> find, Func<Problem> notFound, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchStreamStateAsync(id, cancellation);
        if (await find(session, id, cancellation) is not { } view)
        {
            return notFound();
        }

        if (stream is not null)
        {
            context.SetETag(stream.Version);
        }

        return Found<TView>.Ok(view);
    }
}
