using System.Net;
using EventSourced.Host.Tests.Operations;

namespace EventSourced.Host.Tests.Concurrency;

/// <summary>Arranges state through two host processes' HTTP APIs, each step asserted, alternating nodes.</summary>
internal static class NodeSeed
{
    public static async Task<NodeReply> ExpectAsync(this HostNode node, HttpMethod method, string path, string? json, HttpStatusCode status,
        CancellationToken cancellation)
    {
        var reply = await node.SendAsync(method, path, json, cancellation);
        reply.Status.ShouldBe(status, reply.ToString());
        return reply;
    }

    /// <summary>A published template of <paramref name="key"/>, a group and an active program on it; returns (template, program).</summary>
    public static async Task<(Guid Template, Guid Program)> ActiveProgramAsync(HostNode first, HostNode second, string key, CancellationToken cancellation)
    {
        var template = (await first.ExpectAsync(HttpMethod.Post, "/templates", $$$"""
            {"templateKey": "{{{key}}}", "name": "Template {{{key}}}", "category": "mentorship",
             "defaultConfig": {"session": {"defaultDurationMinutes": 60}}, "configSchema": {}}
            """, HttpStatusCode.Created, cancellation)).Id;
        await second.ExpectAsync(HttpMethod.Post, $"/templates/{template}/publish", """{"deprecatePrevious": false}""", HttpStatusCode.OK, cancellation);
        var group = (await first.ExpectAsync(HttpMethod.Post, "/beneficiary-groups", $$"""{"name": "Group {{key}}", "region": "DE", "tags": []}""",
            HttpStatusCode.Created, cancellation)).Id;
        var program = (await second.ExpectAsync(HttpMethod.Post, "/programs",
            $$"""{"templateId": "{{template}}", "name": "Program {{key}}", "beneficiaryGroupId": "{{group}}"}""", HttpStatusCode.Created, cancellation)).Id;
        await first.ExpectAsync(HttpMethod.Put, $"/programs/{program}/status", """{"status": "active"}""", HttpStatusCode.OK, cancellation);
        return (template, program);
    }
}
