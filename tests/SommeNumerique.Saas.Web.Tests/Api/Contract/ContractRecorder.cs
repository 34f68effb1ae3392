using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SommeNumerique.Saas.Web.Tests.Api.Contract;

/// <summary>
/// Watches every answer of the API to a test client and compares it with the OpenAPI document: the operation
/// must be in the document, its status declared for that operation, and a JSON body must match the declared
/// schema of that status. Remembers which operations were exercised.
/// </summary>
public sealed class ContractRecorder
{
    private readonly JsonElement _document;
    private readonly JsonSchemaCheck _schemas;
    private readonly List<(string Method, string Template, Regex Pattern, int Literals)> _operations = [];

    public ConcurrentBag<string> Violations { get; } = [];
    public ConcurrentDictionary<string, ConcurrentBag<int>> Exercised { get; } = new();

    public ContractRecorder(JsonElement document)
    {
        _document = document;
        _schemas = new JsonSchemaCheck(document);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path.Name), @"\\\{[^}]+}", "[^/]+") + "$");
            var literals = path.Name.Split('/').Count(s => !s.StartsWith('{'));
            foreach (var operation in path.Value.EnumerateObject())
                _operations.Add((operation.Name.ToUpperInvariant(), path.Name, pattern, literals));
        }
    }

    /// <summary>Every operation of the document, as "METHOD /template".</summary>
    public IReadOnlyList<string> Operations => _operations.Select(o => $"{o.Method} {o.Template}").ToList();

    public HttpMessageHandlerWrapper Handler() => new(this);

    public async Task RecordAsync(HttpRequestMessage request, HttpResponseMessage response)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return;
        var method = request.Method.Method;
        var status = (int)response.StatusCode;
        var operation = _operations.Where(o => o.Method == method && o.Pattern.IsMatch(path)).OrderByDescending(o => o.Literals).FirstOrDefault();
        if (operation.Template is null)
        {
            // A route the document does not know may only be refused by routing (404/405) with a problem.
            if (status is not (404 or 405)) Violations.Add($"{method} {path}: answered {status} but the document has no such operation");
            return;
        }
        var key = $"{method} {operation.Template}";
        Exercised.GetOrAdd(key, _ => []).Add(status);

        var responses = _document.GetProperty("paths").GetProperty(operation.Template).GetProperty(operation.Method.ToLowerInvariant()).GetProperty("responses");
        if (!responses.TryGetProperty(status.ToString(), out var declared) && !responses.TryGetProperty($"{status / 100}XX", out declared)
            && !responses.TryGetProperty("default", out declared))
        {
            Violations.Add($"{key}: answered {status}, not declared (declared: {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))})");
            return;
        }
        if (declared.TryGetProperty("$ref", out var reference)) declared = _schemas.Resolve(reference.GetString()!);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length == 0 || mediaType is null) return;
        if (!declared.TryGetProperty("content", out var content) || content.EnumerateObject().All(c => !SameMediaType(c.Name, mediaType)))
        {
            var declaredTypes = declared.TryGetProperty("content", out var c2) ? string.Join(", ", c2.EnumerateObject().Select(c => c.Name)) : "none";
            if (IsJson(mediaType) || declaredTypes != "none")
                Violations.Add($"{key}: answered {status} as {mediaType}, the document declares {declaredTypes}");
            return;
        }
        if (!IsJson(mediaType)) return;
        var media = content.EnumerateObject().First(c => SameMediaType(c.Name, mediaType)).Value;
        if (!media.TryGetProperty("schema", out var schema))
        {
            Violations.Add($"{key}: answered {status} as JSON, the document declares no schema");
            return;
        }
        JsonElement body;
        try { body = JsonDocument.Parse(bytes).RootElement.Clone(); }
        catch (JsonException e) { Violations.Add($"{key}: answered {status} with a body that is not JSON: {e.Message}"); return; }
        foreach (var error in _schemas.Check(body, schema))
            Violations.Add($"{key} {status}: {error}");
    }

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static bool SameMediaType(string declared, string actual) =>
        declared == actual || declared == "*/*" || (declared.EndsWith("/*") && actual.StartsWith(declared[..^1], StringComparison.Ordinal));

    /// <summary>The handler put in front of a test client.</summary>
    public sealed class HttpMessageHandlerWrapper(ContractRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            await recorder.RecordAsync(request, response);
            return response;
        }
    }
}
