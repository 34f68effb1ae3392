using System.Globalization;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>
/// Staff import a reference year's legal populations from a CSV file: a header line, then one line per tenant with its
/// INSEE code or its SIREN and its population, separated by semicolons or commas. The whole file is checked first: one
/// bad or unknown line answers 422 listing every bad line, and nothing changes. Otherwise each line is recorded, left
/// unchanged or changed, and the report says which.
/// </summary>
public static class ImportPopulations
{
    public const int MaxLines = 50_000;

    public sealed record Body
    {
        public int? Year { get; init; }
        /// <summary>The CSV text (UTF-8).</summary>
        public string? Csv { get; init; }
        /// <summary>Where the figures come from (default: "Import CSV").</summary>
        public string? Source { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Body Body) : ICommand<Report>;

    public sealed record ReportLine(int Line, Guid TenantId, string TenantName, int? Previous, int Population, string Outcome);

    /// <summary>Outcome per line: "recorded" (new year for the tenant), "changed", "unchanged".</summary>
    public sealed record Report(int Year, string Source, int Recorded, int Changed, int Unchanged, IReadOnlyList<ReportLine> Lines);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Year).NotNull().WithMessage("Indiquez l'année de référence des populations.")
                .InclusiveBetween(Tenant.FirstPopulationYear, Tenant.LastPopulationYear)
                .WithMessage($"L'année de référence doit être comprise entre {Tenant.FirstPopulationYear} et {Tenant.LastPopulationYear}.");
            RuleFor(c => c.Body.Csv).NotEmpty().WithMessage("Le fichier CSV est vide.")
                .MaximumLength(5_000_000).WithMessage("Le fichier CSV est trop volumineux (5 Mo au plus).");
            RuleFor(c => c.Body.Source).MaximumLength(300).WithMessage("La source compte au plus 300 caractères.");
            RuleFor(c => c.Body.Csv).XmlSafeText();
            RuleFor(c => c.Body.Source).XmlSafeText();
        }
    }

    private sealed record Parsed(int Line, string Identifier, bool IsSiren, int Population);

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Report>
    {
        public async ValueTask<Report> Handle(Command command, CancellationToken cancellationToken)
        {
            var year = command.Body.Year!.Value;
            var source = TextValues.Blank(command.Body.Source) ?? $"Import CSV du {FrenchText.Day(clock.Today())}";
            var (rows, errors) = Parse(command.Body.Csv!);

            var inseeCodes = rows.Where(r => !r.IsSiren).Select(r => r.Identifier).Distinct().ToList();
            var sirens = rows.Where(r => r.IsSiren).Select(r => Siren.Parse(r.Identifier)).Distinct().ToList();
            var tenants = await db.Tenants
                .Where(t => (t.InseeCode != null && inseeCodes.Contains(t.InseeCode)) || sirens.Contains(t.Siren))
                .ToListAsync(cancellationToken);
            // A commune and its CCAS may share an INSEE code: the INSEE code names the commune.
            var byInsee = tenants.Where(t => t.InseeCode != null).GroupBy(t => t.InseeCode!)
                .ToDictionary(g => g.Key, g => g.FirstOrDefault(t => t.Kind == TenantKind.Commune) ?? (g.Count() == 1 ? g.Single() : null));
            var bySiren = tenants.ToDictionary(t => t.Siren.Value);

            var matched = new List<(Parsed Row, Tenant Tenant)>();
            var seen = new Dictionary<Guid, int>();
            foreach (var row in rows)
            {
                var tenant = row.IsSiren ? bySiren.GetValueOrDefault(row.Identifier) : byInsee.GetValueOrDefault(row.Identifier);
                if (tenant is null)
                {
                    errors.Add((row.Line, row.IsSiren
                        ? $"Ligne {row.Line} : aucune collectivité n'a le SIREN {row.Identifier}."
                        : $"Ligne {row.Line} : aucune commune n'a le code INSEE {row.Identifier}."));
                    continue;
                }
                if (seen.TryGetValue(tenant.Id, out var first))
                {
                    errors.Add((row.Line, $"Ligne {row.Line} : {tenant.Name} figure déjà à la ligne {first}."));
                    continue;
                }
                seen[tenant.Id] = row.Line;
                matched.Add((row, tenant));
            }
            if (errors.Count > 0)
            {
                var messages = errors.OrderBy(e => e.Line).Select(e => e.Message).ToList();
                throw new FieldRulesException("csv", messages,
                    $"Le fichier n'a pas été importé : {messages.Count} ligne(s) à corriger. Aucune population n'a été modifiée.");
            }

            var lines = new List<ReportLine>();
            foreach (var (row, tenant) in matched)
            {
                var previous = tenant.PopulationFor(year);
                var changed = tenant.RecordPopulation(year, row.Population, source);
                var outcome = previous is null ? "recorded" : changed ? "changed" : "unchanged";
                lines.Add(new ReportLine(row.Line, tenant.Id, tenant.Name, previous, row.Population, outcome));
                if (changed)
                    audit.Record(TenantRecords.AuditArea, "RecordPopulation", TenantRecords.Subject(tenant),
                        previous is null ? null : new { ReferenceYear = year, Population = previous },
                        new { ReferenceYear = year, Population = row.Population, Source = source }, justification: source);
            }
            var report = new Report(year, source, lines.Count(l => l.Outcome == "recorded"), lines.Count(l => l.Outcome == "changed"),
                lines.Count(l => l.Outcome == "unchanged"), lines);
            audit.Record(TenantRecords.AuditArea, "ImportPopulations", $"populations-{year}", before: null,
                after: new { report.Year, report.Source, report.Recorded, report.Changed, report.Unchanged, By = user.Email }, justification: source);
            return report;
        }
    }

    /// <summary>Reads the CSV: header (gives the separator and the columns), then data lines. Errors are per line.</summary>
    private static (List<Parsed> Rows, List<(int Line, string Message)> Errors) Parse(string csv)
    {
        var rows = new List<Parsed>();
        var errors = new List<(int, string)>();
        var lines = csv.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var headerIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0) { errors.Add((1, "Le fichier est vide.")); return (rows, errors); }
        var header = lines[headerIndex];
        var separator = header.Contains(';') ? ';' : ',';
        var columns = header.Split(separator).Select(Normalize).ToList();
        var idColumn = columns.FindIndex(c => c is "codeinsee" or "insee" or "codgeo" or "codecommune" or "code" or "siren");
        var popColumn = columns.FindIndex(c => c.StartsWith("population", StringComparison.Ordinal) || c is "pop" or "ptot" or "pmun");
        if (idColumn < 0 || popColumn < 0)
        {
            errors.Add((headerIndex + 1, $"Ligne {headerIndex + 1} : l'en-tête doit nommer une colonne « code INSEE » (ou « SIREN ») et une colonne « population », séparées par « ; » ou « , »."));
            return (rows, errors);
        }
        var sirenHeader = columns[idColumn] == "siren";
        if (lines.Length - headerIndex - 1 > MaxLines)
        {
            errors.Add((headerIndex + 1, $"Le fichier compte plus de {MaxLines} lignes."));
            return (rows, errors);
        }
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(separator).Select(c => c.Trim().Trim('"').Trim()).ToArray();
            if (cells.Length <= Math.Max(idColumn, popColumn))
            {
                errors.Add((number, $"Ligne {number} : {cells.Length} colonne(s) au lieu de {columns.Count} (séparateur « {separator} »)."));
                continue;
            }
            var id = cells[idColumn].Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            var populationText = cells[popColumn].Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
                .Replace("\u202F", string.Empty, StringComparison.Ordinal);
            var isSiren = sirenHeader || id.Length == 9;
            if (isSiren ? !Siren.IsValid(id) : !Tenant.IsInseeCode(id))
            {
                errors.Add((number, isSiren
                    ? $"Ligne {number} : « {cells[idColumn]} » n'est pas un SIREN valide (9 chiffres, clé de Luhn)."
                    : $"Ligne {number} : « {cells[idColumn]} » n'est ni un code INSEE (5 caractères) ni un SIREN (9 chiffres)."));
                continue;
            }
            if (!int.TryParse(populationText, NumberStyles.None, CultureInfo.InvariantCulture, out var population))
            {
                errors.Add((number, $"Ligne {number} : la population « {cells[popColumn]} » n'est pas un nombre entier d'habitants."));
                continue;
            }
            rows.Add(new Parsed(number, id, isSiren, population));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add((headerIndex + 1, "Le fichier ne contient aucune ligne de population après l'en-tête."));
        return (rows, errors);
    }

    private static string Normalize(string header)
    {
        var text = header.Trim().Trim('"').ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder();
        foreach (var c in text)
            if (char.IsAsciiLetterOrDigit(c)) kept.Append(c);
        return kept.ToString();
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tenants/populations/import", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                Body body;
                if (request.HasFormContentType)
                {
                    var form = await request.ReadFormAsync(ct);
                    string? csv = form["csv"];
                    if (form.Files.GetFile("file") is { } file)
                    {
                        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                        csv = await reader.ReadToEndAsync(ct);
                    }
                    body = new Body
                    {
                        Year = int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
                        Csv = csv,
                        Source = form["source"],
                    };
                }
                else
                {
                    try
                    {
                        body = await request.ReadFromJsonAsync<Body>(ct) ?? new Body();
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        throw new BadHttpRequestException("Le corps de la requête n'est pas un JSON valide.");
                    }
                }
                return TypedResults.Ok(await sender.Send(new Command(body), ct));
            })
            .RequireCallerOf<Command>()
            .Accepts<Body>("application/json", "multipart/form-data")
            .Produces<Report>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("ImportPopulations")
            .WithSummary("Importer les populations légales d'une année (CSV : code INSEE ou SIREN ; population) ; tout ou rien (agents du syndicat).");
}
