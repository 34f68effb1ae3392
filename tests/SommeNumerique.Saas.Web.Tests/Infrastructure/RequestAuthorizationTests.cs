using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Common.Behaviors;
using SommeNumerique.Saas.Application.Features.Accounts;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Identity;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.Web;

namespace SommeNumerique.Saas.Web.Tests.Infrastructure;

/// <summary>
/// The declarations themselves, without starting the application (a missing declaration also stops it at start-up,
/// when the request has an endpoint): every request has one, what each admits, and the behaviour's two shortcuts.
/// </summary>
public sealed class RequestDeclarationTests
{
    /// <summary>Every Mediator message of the application (requests, commands, queries), as the source generator sees them.</summary>
    public static readonly Type[] Requests =
        new[] { typeof(AssemblyMarker).Assembly, typeof(MediatorConfiguration).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Every_request_declares_who_may_send_it()
    {
        Assert.True(Requests.Length > 60, $"only {Requests.Length} requests found: is the walk still looking at the right assemblies?");
        var undeclared = Requests.Where(t => SentByAttribute.Of(t) is null).Select(t => t.FullName).ToList();
        Assert.True(undeclared.Count == 0, "Declare who may send these requests ([SentBy(Caller.…)]):" + Environment.NewLine
            + string.Join(Environment.NewLine, undeclared));
    }

    /// <summary>What each declaration admits, caller by caller: the whole table of <see cref="Callers.Admit"/>.</summary>
    [Theory]
    [InlineData(Caller.Anyone, "Anonymous System Staff Treasury TenantAdmin TenantUser WithoutTenant")]
    [InlineData(Caller.SignedIn, "Staff Treasury TenantAdmin TenantUser WithoutTenant")]
    [InlineData(Caller.TenantMember, "TenantAdmin TenantUser")]
    [InlineData(Caller.TenantAdmin, "Staff TenantAdmin")]
    [InlineData(Caller.Host, "Staff Treasury")]
    [InlineData(Caller.Staff, "Staff")]
    [InlineData(Caller.System, "System")]
    [InlineData(Caller.Handler, "Anonymous System Staff Treasury TenantAdmin TenantUser WithoutTenant")]
    public void Each_declaration_admits_exactly_its_callers(Caller declared, string admitted)
    {
        var actual = RequestAuthorizationTests.Identity.All.Where(i => Callers.Admit(declared, i.User, i.Tenant)).Select(i => i.Name);
        Assert.Equal(admitted, string.Join(' ', actual));
    }

    [Fact]
    public async Task An_internal_request_passes_at_once_and_an_undeclared_one_is_refused()
    {
        var ran = false;
        var internalCharge = new AuthorizationBehavior<PriceCharge, ChargeResult>(RequestAuthorizationTests.Identity.Anonymous.User, RequestAuthorizationTests.Identity.Anonymous.Tenant);
        await internalCharge.Handle(null!, (_, _) => { ran = true; return default; }, CancellationToken.None);
        Assert.True(ran);

        var undeclared = new AuthorizationBehavior<Undeclared, Unit>(RequestAuthorizationTests.Identity.Staff.User, RequestAuthorizationTests.Identity.Staff.Tenant);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await undeclared.Handle(new Undeclared(), (_, _) => default, CancellationToken.None));
        Assert.Contains("[SentBy]", exception.Message);
    }

    /// <summary>A request without a declaration (here only).</summary>
    public sealed record Undeclared : IQuery<Unit>;

    [Fact]
    public void Requests_only_other_code_sends_cannot_be_mapped_to_an_endpoint()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Services.AddRouting();
        var web = builder.Build();
        var endpoint = Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(web, "/x", () => "x");

        Assert.Throws<InvalidOperationException>(() => endpoint.RequireCallerOf<ProcessBillingRun.Request>());
        Assert.Throws<InvalidOperationException>(() => endpoint.RequireCallerOf<PriceCharge>());
    }

}

/// <summary>
/// Authorization is declared once, on the request (<see cref="SentByAttribute"/>), and checked by one Mediator behaviour
/// before anything else looks at the request: the declaration is what refuses a caller,
/// through the Mediator itself (the pages' path), not only behind the endpoints' policies.
/// </summary>
public sealed class RequestAuthorizationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly Type[] Requests = RequestDeclarationTests.Requests;

    [Fact]
    public void The_behaviour_runs_right_after_logging_for_every_request()
    {
        using var scope = app.Factory.Services.CreateScope();
        var pipeline = scope.ServiceProvider.GetServices<IPipelineBehavior<GetMe.Query, GetMe.Me>>().Select(b => b.GetType()).ToList();

        Assert.Equal(typeof(LoggingBehavior<GetMe.Query, GetMe.Me>), pipeline[0]);
        Assert.Equal(typeof(AuthorizationBehavior<GetMe.Query, GetMe.Me>), pipeline[1]);
        Assert.Equal(typeof(AuthorizationBehavior<PriceCharge, ChargeResult>),
            scope.ServiceProvider.GetServices<IPipelineBehavior<PriceCharge, ChargeResult>>().Select(b => b.GetType()).ElementAt(1));
    }

    /// <summary>The callers tried against each declaration: who must be refused, and with which exception.</summary>
    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var request in Requests)
        foreach (var (caller, refusal) in SentByAttribute.Of(request) is { } declared ? RefusedFor(declared) : [])
            data.Add(request.FullName!, caller.Name, refusal.Name);
        return data;
    }

    private static IEnumerable<(Identity, Type)> RefusedFor(Caller declared) => declared switch
    {
        Caller.SignedIn => [(Identity.Anonymous, typeof(SignInRequiredException))],
        Caller.TenantMember => [(Identity.Anonymous, typeof(SignInRequiredException)), (Identity.Staff, typeof(ForbiddenException)),
            (Identity.Treasury, typeof(ForbiddenException)), (Identity.WithoutTenant, typeof(ForbiddenException))],
        Caller.TenantAdmin => [(Identity.Anonymous, typeof(SignInRequiredException)), (Identity.Treasury, typeof(ForbiddenException)),
            (Identity.TenantUser, typeof(ForbiddenException)), (Identity.WithoutTenant, typeof(ForbiddenException))],
        Caller.Host => [(Identity.Anonymous, typeof(SignInRequiredException)), (Identity.TenantAdmin, typeof(ForbiddenException)),
            (Identity.TenantUser, typeof(ForbiddenException))],
        Caller.Staff => [(Identity.Anonymous, typeof(SignInRequiredException)), (Identity.Treasury, typeof(ForbiddenException)),
            (Identity.TenantAdmin, typeof(ForbiddenException))],
        Caller.System => [(Identity.Anonymous, typeof(ForbiddenException)), (Identity.Staff, typeof(ForbiddenException)),
            (Identity.TenantAdmin, typeof(ForbiddenException))],
        _ => [], // Anyone, Handler: nobody is refused
    };

    /// <summary>
    /// Each request, sent through the Mediator by each caller its declaration refuses, is stopped by the authorization
    /// behaviour (the refusal's first frame is the behaviour's), so neither tenant access, validation nor the handler
    /// looked at it. The request is an empty instance: anything that went further would fail some other way.
    /// </summary>
    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_caller_the_declaration_refuses_is_stopped_before_the_handler(string request, string caller, string refusal)
    {
        var type = Requests.Single(t => t.FullName == request);
        var message = RuntimeHelpers.GetUninitializedObject(type);

        var exception = await SendAsAsync(Identity.Named(caller), message);

        Assert.NotNull(exception);
        Assert.Equal(refusal, exception.GetType().Name);
        Assert.True(ThrownByAuthorizationBehaviour(exception), $"{request} refused by something else than the behaviour: {exception}");
    }

    [Fact]
    public async Task A_tenant_user_sending_a_staff_request_through_the_mediator_gets_403_and_the_handler_does_not_run()
    {
        var exception = await SendAsAsync(Identity.TenantUser, new ListUsers.Query(null, 1, 10));

        Assert.IsType<ForbiddenException>(exception);
        Assert.True(ThrownByAuthorizationBehaviour(exception));
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401()
    {
        var exception = await SendAsAsync(Identity.Anonymous, new GetMe.Query());

        Assert.IsType<SignInRequiredException>(exception);
        Assert.Equal("Connectez-vous pour faire cette demande.", exception.Message);
    }

    [Fact]
    public async Task Staff_pass_staff_requests_and_treasury_passes_host_requests_but_not_staff_ones()
    {
        Assert.Null(await SendAsAsync(Identity.Staff, new ListUsers.Query(null, 1, 10)));
        Assert.Null(await SendAsAsync(Identity.Staff, new ListBillingRuns.Query()));
        Assert.Null(await SendAsAsync(Identity.Treasury, new ListBillingRuns.Query()));

        var refused = await SendAsAsync(Identity.Treasury, new ListUsers.Query(null, 1, 10));
        Assert.IsType<ForbiddenException>(refused);
        Assert.True(ThrownByAuthorizationBehaviour(refused));
    }

    [Fact]
    public async Task Background_work_sends_system_requests_in_the_host_context_with_nobody_signed_in()
    {
        Assert.Null(await SendAsAsync(Identity.System, new HandlePaymentWebhook.IsStored("evt_authorization_test")));
        Assert.IsType<ForbiddenException>(await SendAsAsync(Identity.Staff, new HandlePaymentWebhook.IsStored("evt_authorization_test")));
    }

    /// <summary>Sends <paramref name="message"/> in a scope of its own acting as <paramref name="who"/>; the exception, or null.</summary>
    private async Task<Exception?> SendAsAsync(Identity who, object message)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        who.Enter(scope.ServiceProvider.GetRequiredService<TenantContext>());
        accessor.HttpContext = who.Authenticated ? new DefaultHttpContext { User = who.Principal, RequestServices = scope.ServiceProvider } : null;
        try
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static bool ThrownByAuthorizationBehaviour(Exception exception) =>
        new StackTrace(exception).GetFrame(0)?.GetMethod()?.DeclaringType is { IsGenericType: true } thrower
        && thrower.GetGenericTypeDefinition() == typeof(AuthorizationBehavior<,>);

    /// <summary>A caller: signed in or not, with which roles, in which tenant context (as tenant resolution would set them).</summary>
    public sealed class Identity
    {
        private static readonly TenantAccess Tenant1 = new(Guid.Parse("6a1c2f7e-0000-4000-8000-0000000000aa"), "Commune d'essai", TenantKind.Commune, TenantRole.TenantAdmin);

        public static readonly Identity Anonymous = new(nameof(Anonymous), false, [], TenantScope.None);
        public static readonly Identity System = new(nameof(System), false, [], TenantScope.Host);
        public static readonly Identity Staff = new(nameof(Staff), true, [Roles.Staff], TenantScope.Host);
        public static readonly Identity Treasury = new(nameof(Treasury), true, [Roles.Treasury], TenantScope.Host);
        public static readonly Identity TenantAdmin = new(nameof(TenantAdmin), true, [Roles.TenantAdmin], TenantScope.Tenant);
        public static readonly Identity TenantUser = new(nameof(TenantUser), true, [Roles.TenantUser], TenantScope.Tenant);
        public static readonly Identity WithoutTenant = new(nameof(WithoutTenant), true, [], TenantScope.None);

        public static readonly Identity[] All = [Anonymous, System, Staff, Treasury, TenantAdmin, TenantUser, WithoutTenant];

        public static Identity Named(string name) => All.Single(i => i.Name == name);

        private Identity(string name, bool authenticated, string[] roles, TenantScope scope)
        {
            Name = name;
            Authenticated = authenticated;
            Scope = scope;
            Principal = new ClaimsPrincipal(authenticated
                ? new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Email, $"{name.ToLowerInvariant()}@test"),
                     ..roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test")
                : new ClaimsIdentity());
            User = new PrincipalUser(Principal);
            var tenant = new TenantContext();
            Enter(tenant);
            Tenant = tenant;
        }

        public string Name { get; }
        public bool Authenticated { get; }
        public TenantScope Scope { get; }
        public ClaimsPrincipal Principal { get; }
        public ICurrentUser User { get; }
        public ITenantContext Tenant { get; }

        public void Enter(TenantContext tenant)
        {
            var access = Tenant1 with { Role = Principal.IsInRole(Roles.TenantUser) ? TenantRole.TenantUser : TenantRole.TenantAdmin };
            switch (Scope)
            {
                case TenantScope.Host: tenant.UseHost(); break;
                case TenantScope.Tenant: tenant.UseTenant(access, [access]); break;
                default: tenant.UseNone(); break;
            }
        }

        public override string ToString() => Name;

        private sealed class PrincipalUser(ClaimsPrincipal principal) : ICurrentUser
        {
            public bool IsAuthenticated => principal.Identity?.IsAuthenticated == true;
            public Guid? UserId => null;
            public string? Email => null;
            public string? DisplayName => null;
            public bool IsInRole(string role) => principal.IsInRole(role);
        }
    }
}
