using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// How fields are named to clients: FluentValidation's default messages name the field in French
/// ("« Nom du contact » ne doit pas être vide") instead of the C# path ("'Body Contact Name'"), with the JSON
/// name when no French label is known; the problem details <c>errors</c> keys are the JSON field paths
/// as the client sent them (<c>contactName</c>, <c>fields.name</c>, <c>components[0].code</c>).
/// </summary>
public static class FieldNames
{
    // French labels of the JSON fields (last segment), for the framework's default messages.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["declaredWorkstations"] = "Nombre de postes déclarés",
        ["addressLine1"] = "Adresse (ligne 1)",
        ["addressLine2"] = "Adresse (ligne 2)",
        ["postalCode"] = "Code postal",
        ["city"] = "Commune",
        ["contactName"] = "Nom du contact",
        ["contactEmail"] = "E-mail du contact",
        ["contactPhone"] = "Téléphone du contact",
        ["siret"] = "SIRET",
        ["chorusServiceCode"] = "Code service Chorus Pro",
        ["chorusEngagementNumber"] = "Numéro d'engagement Chorus Pro",
        ["reason"] = "Motif",
        ["quantity"] = "Quantité",
        ["version"] = "Version",
        ["lastDay"] = "Dernier jour",
        ["startDate"] = "Date de début",
        ["offerCode"] = "Code de l'offre",
        ["tenantId"] = "Collectivité",
        ["period"] = "Période",
        ["amount"] = "Montant",
        ["paidOn"] = "Date de paiement",
        ["reference"] = "Référence",
        ["lines"] = "Lignes",
        ["code"] = "Code",
        ["name"] = "Nom",
        ["description"] = "Description",
        ["unitLabel"] = "Libellé de l'unité",
        ["source"] = "Source",
        ["natureAccount"] = "Compte de nature",
        ["membership"] = "Adhésion",
        ["billingAlignment"] = "Alignement de facturation",
        ["components"] = "Composants",
        ["minQuantity"] = "Quantité minimale",
        ["maxQuantity"] = "Quantité maximale",
        ["deliberationBody"] = "Instance de la délibération",
        ["deliberationDate"] = "Date de la délibération",
        ["deliberationReference"] = "Référence de la délibération",
        ["effectiveFrom"] = "Date d'effet",
        ["model"] = "Modèle de prix",
        ["vat"] = "TVA",
        ["memberPrice"] = "Prix adhérent",
        ["nonMemberPrice"] = "Prix non adhérent",
        ["setupFeeBlockSize"] = "Taille du bloc de mise en service",
        ["setupFeeMember"] = "Frais de mise en service (adhérent)",
        ["setupFeeNonMember"] = "Frais de mise en service (non adhérent)",
        ["floor"] = "Plancher",
        ["cap"] = "Plafond",
        ["email"] = "Adresse e-mail",
        ["password"] = "Mot de passe",
        ["date"] = "Date",
        ["asOf"] = "Date de référence",
        ["page"] = "Page",
        ["pageSize"] = "Taille de page",
        ["search"] = "Recherche",
        ["status"] = "Statut",
        ["kind"] = "Type",
        ["memberOn"] = "Date d'adhésion",
    };

    /// <summary>Installs the French display names for every validator (API and portal).</summary>
    public static void UseFrenchFieldNames() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, expression) => DisplayName(member, expression);

    public static string? DisplayName(MemberInfo? member, LambdaExpression? expression)
    {
        var name = member?.Name ?? (expression?.Body as MemberExpression)?.Member.Name;
        if (name is null) return null;
        var json = CamelCase(name);
        return Labels.TryGetValue(json, out var label) ? label : json;
    }

    /// <summary>
    /// The <c>errors</c> key of a validation failure: the property path camel-cased, without the command's
    /// wrapper of the JSON body (<c>Body.ContactName</c> → <c>contactName</c>; <c>Fields.Name</c> when the body
    /// is the fields themselves → <c>name</c>, but <c>fields.name</c> when the body has a <c>fields</c> member).
    /// </summary>
    public static string ErrorKey(string propertyName, Type? bodyType)
    {
        var segments = propertyName.Split('.').Where(s => s.Length > 0).ToList();
        if (segments.Count > 1 && (IsWrapper(segments[0], bodyType))) segments.RemoveAt(0);
        return string.Join('.', segments.Select(CamelCase));
    }

    private static bool IsWrapper(string segment, Type? bodyType)
    {
        if (bodyType is null) return segment.Equals("Body", StringComparison.OrdinalIgnoreCase);
        var member = segment.Split('[')[0];
        return bodyType.GetProperty(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null;
    }

    private static string CamelCase(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
