using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Security;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Accounts;

/// <summary>The first administrator on PostgreSQL (the SQLite runs are in <see cref="CredentialsTests"/>).</summary>
public sealed partial class AdminCommandPostgreSqlTests(PostgreSqlApp app) : IClassFixture<PostgreSqlApp>
{
    [Fact]
    public async Task The_admin_command_creates_the_account_and_its_link_sets_the_password_on_PostgreSql()
    {
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(app.Factory.Services,
            ["admin", "create", "--email", "premier@syndicat-pg.test", "--role", "Staff"], output, TextWriter.Null));
        var match = Link().Match(output.ToString());
        Assert.True(match.Success, output.ToString());

        var client = app.Factory.CreateClient();
        var set = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { userId = match.Groups[1].Value, code = match.Groups[2].Value, password = "Premier-Passw0rd-PG" });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "premier@syndicat-pg.test", password = "Premier-Passw0rd-PG" });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode); // right password, not enrolled yet
        Assert.Equal(PasswordSignIn.EnrolmentRequiredMessage, (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Run again: the same account is re-activated, not duplicated.
        var again = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(app.Factory.Services,
            ["admin", "create", "--email", "premier@syndicat-pg.test", "--role", "Staff"], again, TextWriter.Null));
        Assert.Contains("réactivé", again.ToString());
        Assert.Equal(match.Groups[1].Value, Link().Match(again.ToString()).Groups[1].Value);
    }

    [GeneratedRegex(@"/Account/ResetPassword\?user=([0-9a-f-]{36})&code=([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
