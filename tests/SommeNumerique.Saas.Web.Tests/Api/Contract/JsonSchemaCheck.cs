using System.Text.Json;

namespace SommeNumerique.Saas.Web.Tests.Api.Contract;

/// <summary>
/// Checks a JSON value against a schema of the OpenAPI 3.1 document, for the subset the document uses:
/// <c>$ref</c> to <c>#/components/schemas/…</c>, <c>type</c> (one or a list, <c>null</c> included),
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>,
/// <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>, <c>nullable</c> (3.0 style). Formats and patterns are not checked.
/// Returns the mismatches, each with the JSON path where it was found.
/// </summary>
public sealed class JsonSchemaCheck(JsonElement document)
{
    public IReadOnlyList<string> Check(JsonElement value, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        Walk(value, schema, path, errors, depth: 0);
        return errors;
    }

    private void Walk(JsonElement value, JsonElement schema, string path, List<string> errors, int depth)
    {
        if (depth > 64) { errors.Add($"{path}: schema nested too deep (a cycle?)"); return; }
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False) { errors.Add($"{path}: no value allowed"); return; }
        if (schema.ValueKind != JsonValueKind.Object) return;

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Walk(value, Resolve(reference.GetString()!), path, errors, depth + 1);
            // 3.1 allows siblings of $ref (description…): they are annotations here.
        }
        if (schema.TryGetProperty("allOf", out var allOf))
            foreach (var part in allOf.EnumerateArray()) Walk(value, part, path, errors, depth + 1);
        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Check(value, s, path).Count == 0))
            errors.Add($"{path}: matches none of anyOf");
        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(s => Check(value, s, path).Count == 0) != 1)
            errors.Add($"{path}: does not match exactly one of oneOf");

        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
            return;
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type))
        {
            errors.Add($"{path}: {Kind(value)} where the document says {type.GetRawText()}");
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
            errors.Add($"{path}: {value.GetRawText()} is not one of {values.GetRawText()}");

        if (value.ValueKind == JsonValueKind.Object)
        {
            var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                    if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: required property '{name}' is missing");
            foreach (var property in value.EnumerateObject())
            {
                if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out var propertySchema))
                    Walk(property.Value, propertySchema, $"{path}.{property.Name}", errors, depth + 1);
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                    Walk(property.Value, additional, $"{path}.{property.Name}", errors, depth + 1);
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Walk(item, items, $"{path}[{i++}]", errors, depth + 1);
        }
    }

    public JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"external $ref {reference}");
        var node = document;
        foreach (var segment in reference[2..].Split('/'))
            node = node.GetProperty(segment.Replace("~1", "/").Replace("~0", "~"));
        return node;
    }

    private static bool TypeMatches(JsonElement value, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => IsOfType(value, t.GetString()!))
            : IsOfType(value, type.GetString()!);

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        _ => false,
    };

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
