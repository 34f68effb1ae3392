using FluentValidation;
using SommeNumerique.Saas.Application.Common;
using Microsoft.AspNetCore.Identity;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// <c>POST /api/v1/auth/login</c>: e-mail and password for an Identity bearer token
/// (<c>{tokenType, accessToken, expiresIn, refreshToken}</c>). Throttled and checked by <see cref="PasswordSignIn"/>.
/// </summary>
public static class AuthEndpoints
{
    /// <param name="TwoFactorCode">The authenticator application's 6-digit code, for an account with the two-step sign-in.</param>
    /// <param name="RecoveryCode">Or one of its recovery codes (each works once).</param>
    public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null);

    public sealed class LoginValidator : AbstractValidator<LoginRequest>
    {
        public LoginValidator()
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("L'adresse e-mail est obligatoire.")
                .EmailAddress().WithMessage("L'adresse e-mail n'est pas valide.");
            RuleFor(r => r.Password).NotEmpty().WithMessage("Le mot de passe est obligatoire.");
            RuleFor(r => r.TwoFactorCode).MaximumLength(20).WithMessage("Le code de vérification compte 6 chiffres.");
            RuleFor(r => r.RecoveryCode).MaximumLength(40).WithMessage("Le code de récupération n'est pas valide.");
            RuleFor(r => r.Email).XmlSafeText();
            RuleFor(r => r.Password).XmlSafeText();
            RuleFor(r => r.TwoFactorCode).XmlSafeText();
            RuleFor(r => r.RecoveryCode).XmlSafeText();
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/auth/login", Login)
            .AllowAnonymous()
            .WithTags("Identité")
            .WithName("Login")
            .WithSummary("Obtenir un jeton d'accès (bearer) avec e-mail et mot de passe, et le code de vérification (twoFactorCode ou recoveryCode) si la validation en deux étapes est activée.")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> Login(LoginRequest request, PasswordSignIn signIn, HttpContext http)
    {
        var validation = new LoginValidator().Validate(request);
        if (!validation.IsValid) throw new ValidationException(validation.Errors);

        var (outcome, retryAfter) = await signIn.SignInAsync(
            request.Email!, request.Password!, http.Connection.RemoteIpAddress, IdentityConstants.BearerScheme,
            request.TwoFactorCode, request.RecoveryCode);
        if (outcome == SignInOutcome.Succeeded) return TypedResults.Empty; // the bearer handler has written the token response

        if (outcome == SignInOutcome.Throttled)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de tentatives",
                detail: PasswordSignIn.ThrottledMessage(retryAfter));
        }
        return outcome switch
        {
            SignInOutcome.TwoFactorRequired => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Code de vérification requis", detail: PasswordSignIn.CodeRequiredMessage),
            SignInOutcome.TwoFactorWrong => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Code de vérification incorrect", detail: PasswordSignIn.CodeWrongMessage),
            SignInOutcome.EnrolmentRequired => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Validation en deux étapes à activer", detail: PasswordSignIn.EnrolmentRequiredMessage),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Connexion refusée", detail: PasswordSignIn.RefusedMessage),
        };
    }
}
