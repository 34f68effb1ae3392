using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// The French problem details of a request the minimal APIs could not bind: JSON that does not parse or does
/// not fit the expected types (400, the field's JSON path as the <c>errors</c> key), a body that is missing,
/// a body that is not JSON (415), a route or query value that does not parse (400, named by the parameter).
/// The framework's English text is never shown.
/// </summary>
public static partial class BadRequestProblems
{
    public const string BodyKey = "body";

    public static ProblemDetails From(BadHttpRequestException bad)
    {
        // Raised by our own code (e.g. the webhook's signature check): its message is already French.
        if (!IsFrameworks(bad)) return Problem(bad.StatusCode, "Requête invalide", bad.Message);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return Problem(bad.StatusCode, "Type de contenu non pris en charge",
                "Le corps de la requête doit être du JSON (en-tête Content-Type: application/json).");
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return Problem(bad.StatusCode, "Requête trop volumineuse", "Le corps de la requête dépasse la taille admise.");
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
            return Problem(bad.StatusCode, "Requête invalide", "La requête n'a pas pu être lue.");

        if (FindJsonException(bad) is { } json)
            return IsSyntaxError(json) ? Invalid(BodyKey, SyntaxMessage(json)) : Invalid(JsonField(json.Path), TypeMessage(json));
        if (RequiredBody().IsMatch(bad.Message)) return Invalid(BodyKey, "Le corps de la requête (JSON) est obligatoire.");
        var bind = BindFailure().Match(bad.Message);
        if (bind.Success)
        {
            var name = bind.Groups["name"].Value;
            return Invalid(char.ToLowerInvariant(name[0]) + name[1..], $"La valeur « {bind.Groups["value"].Value} » du paramètre « {name} » n'est pas valide.");
        }
        var required = RequiredParameter().Match(bad.Message);
        if (required.Success)
        {
            var name = required.Groups["name"].Value;
            return Invalid(char.ToLowerInvariant(name[0]) + name[1..], $"Le paramètre « {name} » est obligatoire.");
        }
        return Problem(bad.StatusCode, "Requête invalide", "La requête n'a pas pu être lue : vérifiez l'adresse, les paramètres et le corps JSON.");
    }

    private static bool IsFrameworks(Exception e) =>
        e.TargetSite?.DeclaringType?.Assembly.GetName().Name?.StartsWith("Microsoft.", StringComparison.Ordinal) ?? true;

    private static JsonException? FindJsonException(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is JsonException json) return json;
        return null;
    }

    // "$.contact.name" -> "contact.name", "$.lines[1]" -> "lines[1]", "$" or none -> "body".
    private static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return BodyKey;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? BodyKey : field;
    }

    // The reader's own exception (internal type) is the inner exception of a syntax error; a value that does not
    // convert to the expected type has none.
    private static bool IsSyntaxError(JsonException json) => json.InnerException?.GetType().Name == "JsonReaderException";

    private static string SyntaxMessage(JsonException json)
    {
        var near = JsonField(json.Path) is var field && field != BodyKey ? $"près du champ « {field} », " : "";
        return $"Le corps de la requête n'est pas un JSON valide ({near}ligne {(json.LineNumber ?? 0) + 1}, position {(json.BytePositionInLine ?? 0) + 1}).";
    }

    private static string TypeMessage(JsonException json) =>
        $"La valeur du champ « {JsonField(json.Path)} » n'a pas le type attendu (un nombre s'écrit sans guillemets ; "
        + "texte, date « AAAA-MM-JJ », booléen true/false ou liste selon le champ).";

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "La requête contient des erreurs",
            Detail = message,
        };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [GeneratedRegex("was not provided from body")]
    private static partial Regex RequiredBody();

    [GeneratedRegex("^Failed to bind parameter \"(?:\\S+ )?(?<name>[^\"]+)\" from \"(?<value>.*)\"\\.?$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?:\\S+ )?(?<name>[^\"]+)\" was not provided", RegexOptions.Singleline)]
    private static partial Regex RequiredParameter();
}
