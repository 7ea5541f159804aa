using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Host.Http;
using EventSourced.Host.OpenApi;
using Microsoft.AspNetCore.Mvc;
using System.Net.Mime;
using System.Text.Json;
using Wolverine;
using Wolverine.Http;

namespace EventSourced.Host.Enrollments;

/// <summary>The receipt for an accepted external event: its source system, its id and the contract it was read as.</summary>
public sealed record ExternalEventAccepted(string Source, string? EventId, string MessageType);

[Tags("External events")]
public static class ExternalEventEndpoint
{
    // Producers may add fields to their events: unknown members are ignored here (unlike the API's own bodies).
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> ContractBySource = new(StringComparer.OrdinalIgnoreCase)
    {
        [SourceSystems.Kintell] = typeof(KintellSessionCompleted),
        [SourceSystems.Buddy] = typeof(BuddyMatchCreated),
        [SourceSystems.Upskilling] = typeof(UpskillingCourseEnrolled),
    };

    /// <summary>
    /// Accepts an external event as its producer sends it (e.g. <c>kintell.session.completed</c> for source <c>kintell</c>)
    /// and publishes it to Wolverine's durable local queue: the same path as a message from a broker. 202 once stored;
    /// handling (enrollment, or dead-lettering of an event that turns out unusable) happens in the background. An event
    /// whose fields are invalid is refused at once with 400 naming them.
    /// </summary>
    [ProducesResponseType<ExternalEventAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, MediaTypeNames.Application.ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, MediaTypeNames.Application.ProblemJson)]
    [OpenApiRequestBody(typeof(KintellSessionCompleted), typeof(BuddyMatchCreated), typeof(UpskillingCourseEnrolled), AllowsUnknownMembers = true)]
    [WolverinePost("/events/{source}")]
    public static async Task<IResult> Post(string source, IMessageBus bus, HttpContext context, CancellationToken cancellation)
    {
        if (!ContractBySource.TryGetValue(source, out var contract))
        {
            return Results.Problem($"'{source}' is not one of: {string.Join(", ", SourceSystems.All)}.", context.Request.Path,
                StatusCodes.Status404NotFound, "Unknown source system");
        }

        object? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(context.Request.Body, contract, EventJson, cancellation);
        }
        catch (JsonException ex)
        {
            return Results.Problem(ex.Message, context.Request.Path, StatusCodes.Status400BadRequest, "Invalid JSON format");
        }

        if (message is not IEnrollmentSourceEvent sourceEvent)
        {
            return DomainProblems.MissingBody(context);
        }

        // What can be known now is refused now (400, every field named), not accepted for the dead letters: a producer
        // calling over HTTP is there to hear it. Brokers' messages still go through the handler's own validation.
        if (SourceEventErrors.Of(sourceEvent) is { Count: > 0 } errors)
        {
            return DomainError.Validation([.. errors]).ToProblem(context);
        }

        await bus.PublishAsync(message);
        return Results.Accepted(value: new ExternalEventAccepted(sourceEvent.SourceSystem, sourceEvent.EventId, contract.Name));
    }
}
