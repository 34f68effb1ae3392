using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;

namespace SommeNumerique.Saas.Web.Pages.Staff.Catalogue;

public sealed class NewModel(ISender sender) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public ItemForm Item { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (fields, error) = Item.ToFields();
        if (fields is null)
        {
            ModelState.AddModelError("Item.ComponentsText", error!);
            return Page();
        }
        var created = await sender.TrySendAsync(new CreateCatalogueItem.Command(Code, fields), ModelState, "Item", ct);
        if (created is null)
        {
            // The code is validated on the command itself, not under Item.
            if (ModelState.TryGetValue("Item.Code", out var codeErrors) && codeErrors.Errors.Count > 0)
            {
                var message = codeErrors.Errors[0].ErrorMessage;
                ModelState.Remove("Item.Code");
                ModelState.AddModelError("Code", message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/Staff/Catalogue/Item?code={created.Code}");
    }
}
