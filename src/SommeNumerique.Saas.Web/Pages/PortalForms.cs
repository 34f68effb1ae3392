using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Web.Pages;

/// <summary>
/// Sends a command from a page and turns refusals into French messages next to the fields (validation) or
/// at the top of the form (business rules, conflicts). Returns null when refused: nothing was saved.
/// </summary>
public static class PortalForms
{
    public static Task<TResponse?> TrySendAsync<TResponse>(
        this ISender sender, ICommand<TResponse> command, ModelStateDictionary modelState, string prefix, CancellationToken ct)
        where TResponse : class =>
        Try(() => sender.Send(command, ct), modelState, prefix);

    public static Task<TResponse?> TrySendAsync<TResponse>(
        this ISender sender, IQuery<TResponse> query, ModelStateDictionary modelState, string prefix, CancellationToken ct)
        where TResponse : class =>
        Try(() => sender.Send(query, ct), modelState, prefix);

    private static async Task<TResponse?> Try<TResponse>(Func<ValueTask<TResponse>> send, ModelStateDictionary modelState, string prefix)
        where TResponse : class
    {
        try
        {
            return await send();
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
                modelState.AddModelError(FieldKey(prefix, error.PropertyName), error.ErrorMessage);
        }
        catch (FieldConflictException e)
        {
            modelState.AddModelError(FieldKey(prefix, char.ToUpperInvariant(e.Field[0]) + e.Field[1..]), e.Message);
        }
        catch (FieldRulesException e)
        {
            modelState.AddModelError(string.Empty, e.Message);
            foreach (var message in e.Messages) modelState.AddModelError(string.Empty, message);
        }
        catch (FieldRuleException e)
        {
            modelState.AddModelError(FieldKey(prefix, char.ToUpperInvariant(e.Field[0]) + e.Field[1..]), e.Message);
        }
        catch (Exception e) when (e is DomainException or ConflictException or NotFoundException)
        {
            modelState.AddModelError(string.Empty, e.Message);
        }
        return null;
    }

    // "Tariff.MemberPrice" from a validator becomes "{prefix}.MemberPrice" as bound by the page.
    private static string FieldKey(string prefix, string propertyName)
    {
        var last = propertyName.Split('.')[^1];
        return string.IsNullOrEmpty(prefix) ? last : $"{prefix}.{last}";
    }
}

/// <summary>French display of amounts and dates.</summary>
public static class Fr
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Euros(decimal? amount) => amount is { } a ? a.ToString("#,##0.00", French) + " €" : "—";
    public static string Rate(decimal? amount) => amount is { } a ? a.ToString("0.00##", French) + " €" : "—";
    public static string Date(DateOnly? date) => date is { } d ? FrenchText.Day(d) : "—";
    public static string Number(int? n) => n?.ToString("#,##0", French) ?? "—";

    public static string SubscriptionStatus(SommeNumerique.Saas.Application.Features.Subscriptions.SubscriptionView s) => s.Status switch
    {
        "Active" => "En cours",
        "TerminationScheduled" => $"Résiliation au {Date(s.TerminationDate)}",
        "Terminated" => "Résilié",
        _ => s.Status,
    };
}
