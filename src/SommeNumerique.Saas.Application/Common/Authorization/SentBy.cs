namespace SommeNumerique.Saas.Application.Common.Authorization;

/// <summary>Who may send a request: the one value each request declares with <see cref="SentByAttribute"/>.</summary>
public enum Caller
{
    // 0 is left out on purpose: a request without a declaration is refused, never read as "anyone".

    /// <summary>Anyone, signed in or not: the request carries its own proof (an invitation's token, say).</summary>
    Anyone = 1,

    /// <summary>Anyone signed in: what they see or change is then kept to their active tenant (or the host's).</summary>
    SignedIn,

    /// <summary>A member of a tenant (administrator or user) acting for its active tenant; not the syndicate's agents.</summary>
    TenantMember,

    /// <summary>The administrator of the active tenant, or the syndicate's staff.</summary>
    TenantAdmin,

    /// <summary>The host context: the syndicate's staff or treasury agents.</summary>
    Host,

    /// <summary>The syndicate's staff only.</summary>
    Staff,

    /// <summary>
    /// The application itself acting for the syndicate, with nobody signed in: background work (billing runs) and a
    /// payment provider's signed notification, both in a scope set to the host context. No endpoint nor page sends it.
    /// </summary>
    System,

    /// <summary>
    /// Other requests' handlers only (the billing run and the quote price each charge with <c>PriceCharge</c>): their own
    /// sender was checked already, so nothing more is, at no cost (the check is a field read). No endpoint nor page sends it.
    /// </summary>
    Handler,
}

/// <summary>
/// Declares who may send this request. Every Mediator request of the application declares it (a test walks them
/// all); <see cref="AuthorizationBehavior{TMessage,TResponse}"/> checks it before anything else looks at the
/// request, whether an API endpoint or a page sent it, and the endpoint's policy is derived from it
/// (<see cref="EndpointCallers.RequireCallerOf{TRequest}"/>). Rules that depend on the data (which tenant, which
/// role is granted) stay in the handler.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SentByAttribute(Caller caller) : Attribute
{
    public Caller Caller { get; } = caller;

    /// <summary>The declaration of <paramref name="requestType"/>, or null when it has none.</summary>
    public static Caller? Of(Type requestType) =>
        (Attribute.GetCustomAttribute(requestType, typeof(SentByAttribute), inherit: false) as SentByAttribute)?.Caller;
}
