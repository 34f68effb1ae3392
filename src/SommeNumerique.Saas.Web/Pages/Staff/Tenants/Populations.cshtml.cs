using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Web.Pages.Staff.Tenants;

/// <summary>Staff: import a year's legal populations from a CSV file (all or nothing), and read the report.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PopulationsModel(ISender sender) : PageModel
{
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Csv { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public ImportPopulations.Report? Report { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var csv = Csv;
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            csv = await reader.ReadToEndAsync(ct);
        }
        Report = await sender.TrySendAsync(new ImportPopulations.Command(new ImportPopulations.Body { Year = Year, Csv = csv, Source = Source }), ModelState, "", ct);
        if (Report is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string Outcome(string outcome) => outcome switch
    {
        "recorded" => "enregistrée",
        "changed" => "modifiée",
        _ => "inchangée",
    };
}
