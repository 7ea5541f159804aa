using System.Net;

namespace EventSourced.Host.Tests.OpenApi;

/// <summary>The interactive API reference a person meets first: <c>/docs</c> renders the OpenAPI document, <c>/</c> leads
/// there, and both answer without a token (the reference explains how to get one).</summary>
public sealed class ApiReferenceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_docs_page_is_the_interactive_reference_of_the_openapi_document()
    {
        // Scalar answers /docs by redirecting to its page (/docs/, with the trailing slash its relative assets need).
        var redirect = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/docs");
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });
        redirect.Context.Response.Headers.Location.ToString().ShouldBe("docs/"); // relative to /docs

        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/docs/");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });

        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("text/html");
        var html = await result.ReadAsTextAsync();
        html.ShouldContain("<title>EventSourced API</title>");
        html.ShouldContain("<script");
        (await fixture.Host.GetAsync("/openapi/v1.json")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_root_leads_to_the_docs()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.StatusCodeShouldBe(HttpStatusCode.Redirect);
        });

        result.Context.Response.Headers.Location.ToString().ShouldBe("/docs");
    }
}
