using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SommeNumerique.Saas.Web.Pages;

/// <summary>
/// The portal's French error page, shown by the status-code re-execution (<see cref="PortalSetup.UsePortalErrorPages"/>):
/// 404 "Page introuvable", 401 "Connexion requise", 403 "Accès refusé", anything else "Une erreur est survenue". The status code is kept.
/// </summary>
[IgnoreAntiforgeryToken] // re-executed for refused POSTs too
public sealed class ErrorModel : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Code { get; set; }

    public string Heading => Code switch
    {
        404 => "Page introuvable",
        401 => "Connexion requise",
        403 => "Accès refusé",
        400 => "Requête invalide",
        _ => "Une erreur est survenue",
    };

    public string Explanation => Code switch
    {
        404 => "La page ou le document demandé n'existe pas, ou vous n'y avez pas accès. Vérifiez l'adresse ou revenez à l'accueil.",
        401 => "Connectez-vous pour accéder à cette page, puis recommencez.",
        403 => "Votre compte n'a pas accès à cette page. Si vous pensez que c'est une erreur, contactez Somme Numérique.",
        400 => "La demande n'a pas pu être comprise. Revenez à la page précédente et recommencez.",
        _ => "La page n'a pas pu être affichée. Réessayez dans un instant ; si le problème persiste, contactez Somme Numérique.",
    };

    public void OnGet() => Handle();
    public void OnPost() => Handle();

    // Re-executed, the original status is already set; opened directly, the page answers with its own code (500 by default).
    private void Handle()
    {
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            Response.StatusCode = Code is >= 400 and < 600 ? Code.Value : StatusCodes.Status500InternalServerError;
    }
}
