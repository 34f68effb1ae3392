using FluentValidation;
using Microsoft.AspNetCore.Identity;
using SommeNumerique.Saas.Infrastructure.Identity;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// <c>POST /api/v1/auth/login</c>: e-mail and password for an Identity bearer token
/// (<c>{tokenType, accessToken, expiresIn, refreshToken}</c>). Failed attempts count towards lockout.
/// </summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed class LoginValidator : AbstractValidator<LoginRequest>
    {
        public LoginValidator()
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("L'adresse e-mail est obligatoire.")
                .EmailAddress().WithMessage("L'adresse e-mail n'est pas valide.");
            RuleFor(r => r.Password).NotEmpty().WithMessage("Le mot de passe est obligatoire.");
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/auth/login", Login)
            .AllowAnonymous()
            .WithTags("Identité")
            .WithName("Login")
            .WithSummary("Obtenir un jeton d'accès (bearer) avec e-mail et mot de passe.")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> Login(LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        var validation = new LoginValidator().Validate(request);
        if (!validation.IsValid) throw new ValidationException(validation.Errors);

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email!, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty; // the bearer handler has written the token response

        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Connexion refusée",
            detail: result.IsLockedOut
                ? "Compte verrouillé après plusieurs échecs : réessayez dans 15 minutes."
                : "E-mail ou mot de passe incorrect.");
    }
}
