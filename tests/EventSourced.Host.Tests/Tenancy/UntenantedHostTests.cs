using System.Net;
using EventSourced.Host.Tests.Security;
using EventSourced.Host.Tests.Templates;

namespace EventSourced.Host.Tests.Tenancy;

/// <summary>Without <c>Tenancy:Mode</c> (None, the default) the host has one tenant: a token's <c>tenant_id</c> claim is ignored.</summary>
public sealed class UntenantedHostTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    [Fact]
    public async Task The_tenant_claim_is_ignored_and_every_identity_sees_the_same_data()
    {
        var ofA = new TenantClient(fixture.Host, TestTokens.Create("alice", ["admin"], tenant: "a"));
        var ofB = new TenantClient(fixture.Host, TestTokens.Create("bob", ["admin"], tenant: "b"));
        var withoutTenant = new TenantClient(fixture.Host, TestTokens.Create("carol", ["admin"]));

        var template = await ofA.IdOfAsync(ofA.PostAsync("/templates", TemplateRequests.Create("untenanted")));

        (await ofB.GetAsync($"/templates/{template}")).Status.ShouldBe(HttpStatusCode.OK);
        (await withoutTenant.GetAsync($"/templates/{template}")).Status.ShouldBe(HttpStatusCode.OK);
        (await EventSourced.Testing.Sql.ScalarAsync(fixture.ConnectionString,
            $"select count(*) from program_templates where id = '{template}' and tenant_id = '*DEFAULT*'")).ShouldBe(1);
    }
}
