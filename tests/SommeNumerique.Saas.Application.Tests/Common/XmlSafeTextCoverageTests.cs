using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Tests.Common;

/// <summary>
/// Issue 11, item 3: every string a request carries (at any depth: its body, nested records, lists) is refused when
/// it holds a character outside XML 1.0, by the validators the application registers. Walks every request type of the
/// Application assembly by reflection, so that a new field cannot be forgotten.
/// </summary>
public class XmlSafeTextCoverageTests
{
    private const string ControlCharacter = "\u0001";

    /// <summary>Requests whose strings no user types, with the reason.</summary>
    private static readonly IReadOnlyDictionary<Type, string> NotUserInput = new Dictionary<Type, string>
    {
        [typeof(HandlePaymentWebhook.Command)] = "built from a payload whose Stripe signature was checked",
        [typeof(HandlePaymentWebhook.IsStored)] = "the id of a signed Stripe event",
        [typeof(StartInvoiceCheckout.Command)] = "PortalBaseUrl is built by the server, not typed",
        [typeof(PriceCharge)] = "built by the billing run from stored data",
    };

    private static List<string> Fields() =>
        RequestTypes().SelectMany(type => StringPaths(type, "", depth: 0).Select(path => $"{type.FullName![FeaturesNamespace.Length..]}|{path}")).ToList();

    private static readonly string FeaturesNamespace = typeof(AssemblyMarker).Namespace + ".Features.";

    public static TheoryData<string> StringFields() => new(Fields());

    [Fact]
    public void The_walk_finds_the_free_text_fields_of_the_issue()
    {
        var fields = Fields();
        Assert.Contains(fields, f => f.EndsWith("UpdateTenantProfile+Command|Body.AddressLine1"));
        Assert.Contains(fields, f => f.EndsWith("CreateCreditNote+Command|Body.Reason"));
        Assert.Contains(fields, f => f.EndsWith("RecordMandatPayment+Command|Body.Reference"));
        Assert.Contains(fields, f => f.EndsWith("CreateCatalogueItem+Command|Fields.Components[0].Name"));
        Assert.Contains(fields, f => f.EndsWith("AddTariffVersion+Command|Body.PayerRates[0].PayerName"));
        Assert.True(fields.Count > 40, $"only {fields.Count} string fields found");
    }

    [Theory]
    [MemberData(nameof(StringFields))]
    public async Task Every_string_field_of_every_request_refuses_a_control_character(string field)
    {
        var (typeName, path) = (field[..field.IndexOf('|')], field[(field.IndexOf('|') + 1)..]);
        var type = typeof(AssemblyMarker).Assembly.GetType(FeaturesNamespace + typeName)!;
        var request = Build(type, path, "", depth: 0);

        using var services = Services();
        using var scope = services.CreateScope();
        var validators = ((IEnumerable)scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(type))).Cast<IValidator>().ToList();
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var context = (IValidationContext)Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type), request)!;
            failures.AddRange((await validator.ValidateAsync(context)).Errors);
        }

        Assert.Contains(failures, f => string.Equals(f.PropertyName, path, StringComparison.OrdinalIgnoreCase)
            && f.ErrorMessage == XmlSafeTextRule.Message);
    }

    private static IEnumerable<Type> RequestTypes() =>
        typeof(AssemblyMarker).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IMessage).IsAssignableFrom(t) && !NotUserInput.ContainsKey(t))
            .OrderBy(t => t.FullName);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static bool IsApplicationRecord(Type type) => type.Assembly == typeof(AssemblyMarker).Assembly && type.IsClass;

    private static Type? ItemType(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;

    /// <summary>The validation paths of the strings of a type ("Body.Reason", "Fields.AllowedKinds[0]").</summary>
    private static IEnumerable<string> StringPaths(Type type, string prefix, int depth)
    {
        if (depth > 4) yield break;
        foreach (var property in Settable(type))
        {
            var path = prefix + property.Name;
            var item = ItemType(property.PropertyType);
            if (property.PropertyType == typeof(string)) yield return path;
            else if (item == typeof(string)) yield return path + "[0]";
            else if (item is not null && IsApplicationRecord(item))
                foreach (var inner in StringPaths(item, path + "[0].", depth + 1)) yield return inner;
            else if (IsApplicationRecord(property.PropertyType))
                foreach (var inner in StringPaths(property.PropertyType, path + ".", depth + 1)) yield return inner;
        }
    }

    /// <summary>An instance with the control character at <paramref name="target"/>, nested records present, the rest empty.</summary>
    private static object Build(Type type, string target, string prefix, int depth)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        if (depth > 4) return instance;
        foreach (var property in Settable(type))
        {
            var path = prefix + property.Name;
            var item = ItemType(property.PropertyType);
            object? value = null;
            if (property.PropertyType == typeof(string)) value = path == target ? ControlCharacter : null;
            else if (item == typeof(string)) value = path + "[0]" == target ? new List<string> { ControlCharacter } : null;
            else if (item is not null && IsApplicationRecord(item))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
                list.Add(Build(item, target, path + "[0].", depth + 1));
                value = list;
            }
            else if (IsApplicationRecord(property.PropertyType)) value = Build(property.PropertyType, target, path + ".", depth + 1);
            else continue;
            property.SetValue(instance, value);
        }
        return instance;
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddApplication();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITenantContext, HostContext>();
        return services.BuildServiceProvider();
    }

    private sealed class HostContext : ITenantContext
    {
        public TenantScope Scope => TenantScope.Host;
        public TenantAccess? ActiveTenant => null;
        public IReadOnlyList<TenantAccess> AvailableTenants => [];
    }
}
