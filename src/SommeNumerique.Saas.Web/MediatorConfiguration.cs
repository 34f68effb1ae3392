using SommeNumerique.Saas.Application;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Common.Behaviors;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Web;

public static class MediatorConfiguration
{
    /// <summary>
    /// Mediator (source generated, hence registered from this project only). Scoped, so that handlers get
    /// the request's DbContext and tenant context. The pipeline order is written here, outermost first.
    /// </summary>
    public static IServiceCollection AddSaasMediator(this IServiceCollection services) =>
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(AssemblyMarker), typeof(MediatorConfiguration)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>), // who may send the request ([SentBy]), before anything looks at it
                typeof(TenantAccessBehavior<,>),
                typeof(SubscriptionAccessBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(UnitOfWorkBehavior<,>),

                // The billing pipeline (PriceCharge only): ChargeRules.InOrder, written out because the Mediator source
                // generator (3.0.2) reads only the typeof expressions of this assignment: `.. ChargeRules.InOrder` compiles
                // without a warning and registers no rule. BillingPipelineRegistrationTests keeps the two equal.
                typeof(EligibilityRule),
                typeof(PriceListRule),
                typeof(TariffVersionRule),
                typeof(QuantityRule),
                typeof(ProrationRule),
                typeof(FirstYearGratuityRule),
                typeof(SetupFeeRule),
                typeof(FloorAndCapRule),
                typeof(VatRule),
                typeof(RoundingRule),
            ];
        });
}
