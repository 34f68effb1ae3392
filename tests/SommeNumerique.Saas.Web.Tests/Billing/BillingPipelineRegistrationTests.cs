using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Web;

namespace SommeNumerique.Saas.Web.Tests.Billing;

/// <summary>The billing rules are registered once, in the order of <see cref="ChargeRules.InOrder"/>, around the charge handler.</summary>
public sealed class BillingPipelineRegistrationTests
{
    [Fact]
    public void The_rules_wrap_a_charge_in_the_order_of_the_domain_rules()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSaasMediator();

        var registered = services
            .Where(d => d.ServiceType == typeof(IPipelineBehavior<PriceCharge, ChargeResult>))
            .Select(d => d.ImplementationType ?? d.ImplementationInstance?.GetType())
            .Where(t => t is not null && typeof(ChargeRule).IsAssignableFrom(t))
            .ToList();

        // MediatorConfiguration writes the list out (the source generator reads typeof expressions only): this keeps it equal to ChargeRules.InOrder.
        Assert.Equal(ChargeRules.InOrder, registered.Select(t => t!));
        Assert.Equal(10, ChargeRules.InOrder.Count);
        Assert.All(services.Where(d => d.ServiceType == typeof(IPipelineBehavior<PriceCharge, ChargeResult>)),
            d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }
}
