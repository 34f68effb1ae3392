using FluentValidation;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// Passwords and the two-step sign-in through the API (the portal pages use the same <see cref="Credentials"/>):
/// <c>POST /auth/forgot-password</c>, <c>POST /auth/reset-password</c>, <c>POST /me/password</c>,
/// <c>GET /me/two-factor</c>, <c>POST /me/two-factor/authenticator</c>, <c>/enable</c>, <c>/recovery-codes</c>, <c>/disable</c>.
/// </summary>
public static class CredentialEndpoints
{
    public sealed record ForgotPasswordRequest(string? Email);
    public sealed record ResetPasswordRequest(Guid? UserId, string? Code, string? Password);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
    public sealed record EnableTwoFactorRequest(string? Code);

    /// <summary>The answer to a forgot-password request, the same for any address.</summary>
    public sealed record ForgotPasswordAnswer(string Message);
    public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

    public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPasswordRequest>
    {
        public ForgotPasswordValidator()
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("L'adresse e-mail est obligatoire.")
                .EmailAddress().WithMessage("L'adresse e-mail n'est pas valide.").MaximumLength(256);
            RuleFor(r => r.Email).XmlSafeText();
        }
    }

    public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordRequest>
    {
        public ResetPasswordValidator()
        {
            RuleFor(r => r.UserId).NotEmpty().WithMessage("Le lien est incomplet (compte).");
            RuleFor(r => r.Code).NotEmpty().WithMessage("Le lien est incomplet (code).").MaximumLength(4000);
            RuleFor(r => r.Password).NotEmpty().WithMessage("Choisissez un mot de passe.").MaximumLength(200);
            RuleFor(r => r.Code).XmlSafeText();
            RuleFor(r => r.Password).XmlSafeText();
        }
    }

    public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordRequest>
    {
        public ChangePasswordValidator()
        {
            RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("Saisissez votre mot de passe actuel.");
            RuleFor(r => r.NewPassword).NotEmpty().WithMessage("Choisissez un nouveau mot de passe.").MaximumLength(200);
            RuleFor(r => r.CurrentPassword).XmlSafeText();
            RuleFor(r => r.NewPassword).XmlSafeText();
        }
    }

    public sealed class EnableTwoFactorValidator : AbstractValidator<EnableTwoFactorRequest>
    {
        public EnableTwoFactorValidator()
        {
            RuleFor(r => r.Code).NotEmpty().WithMessage("Saisissez le code affiché par votre application.").MaximumLength(20);
            RuleFor(r => r.Code).XmlSafeText();
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/forgot-password", ForgotPassword).AllowAnonymous().WithTags("Identité").WithName("ForgotPassword")
            .WithSummary("Mot de passe oublié : envoie un lien de réinitialisation si un compte actif correspond (même réponse dans tous les cas).")
            .Produces<ForgotPasswordAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/auth/reset-password", ResetPassword).AllowAnonymous().WithTags("Identité").WithName("ResetPassword")
            .WithSummary("Choisir un mot de passe avec le lien reçu (réinitialisation ou activation) ; un lien déjà utilisé ou expiré est refusé.")
            .Produces(StatusCodes.Status204NoContent);
        api.MapPost("/me/password", ChangePassword).RequireAuthorization(Policies.SignedIn).WithTags("Identité").WithName("ChangePassword")
            .WithSummary("Changer son mot de passe : les autres sessions sont fermées ; la réponse est un nouveau jeton pour celle-ci.")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK);
        api.MapGet("/me/two-factor", Status).RequireAuthorization(Policies.SignedIn).WithTags("Identité").WithName("GetTwoFactor")
            .WithSummary("État de la validation en deux étapes du compte (activée, obligatoire, codes de récupération restants).")
            .Produces<TwoFactorStatus>(StatusCodes.Status200OK);
        api.MapPost("/me/two-factor/authenticator", Authenticator).RequireAuthorization(Policies.SignedIn).WithTags("Identité").WithName("GetTwoFactorAuthenticator")
            .WithSummary("Clé et URI otpauth (et QR code SVG) à ajouter dans une application d'authentification.")
            .Produces<AuthenticatorSetup>(StatusCodes.Status200OK);
        api.MapPost("/me/two-factor/enable", Enable).RequireAuthorization(Policies.SignedIn).WithTags("Identité").WithName("EnableTwoFactor")
            .WithSummary("Activer la validation en deux étapes avec un premier code ; renvoie 10 codes de récupération (affichés une seule fois). Reconnectez-vous ensuite avec un code.")
            .Produces<RecoveryCodes>(StatusCodes.Status200OK);
        api.MapPost("/me/two-factor/recovery-codes", Regenerate).RequireAuthorization(Policies.SignedIn).WithTags("Identité").WithName("RenewRecoveryCodes")
            .WithSummary("Nouveaux codes de récupération (les anciens ne fonctionnent plus).")
            .Produces<RecoveryCodes>(StatusCodes.Status200OK);
        api.MapPost("/me/two-factor/disable", Disable).RequireAuthorization(Policies.SignedIn).WithTags("Identité").WithName("DisableTwoFactor")
            .WithSummary("Désactiver la validation en deux étapes (utilisateurs des collectivités ; obligatoire pour les agents). Reconnectez-vous ensuite.")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static void Validate<T>(AbstractValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        if (!result.IsValid) throw new ValidationException(result.Errors);
    }

    private static async Task<IResult> ForgotPassword(ForgotPasswordRequest request, Credentials credentials, HttpContext http, CancellationToken ct)
    {
        Validate(new ForgotPasswordValidator(), request);
        var (accepted, retryAfter) = await credentials.ForgotPasswordAsync(request.Email!, http.Connection.RemoteIpAddress, ct);
        if (!accepted)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de demandes",
                detail: Credentials.PasswordResetThrottledMessage);
        }
        return TypedResults.Json(new ForgotPasswordAnswer(Credentials.ForgotAnswer), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ResetPassword(ResetPasswordRequest request, Credentials credentials, CancellationToken ct)
    {
        Validate(new ResetPasswordValidator(), request);
        var (outcome, errors) = await credentials.ResetPasswordAsync(request.UserId!.Value, request.Code!, request.Password!, ct);
        return outcome switch
        {
            ResetOutcome.Done => TypedResults.NoContent(),
            ResetOutcome.PasswordRejected => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = errors.ToArray() },
                title: "La requête contient des erreurs"),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [Credentials.LinkInvalidMessage] },
                detail: Credentials.LinkInvalidMessage, title: "Lien plus valable"),
        };
    }

    private static async Task<IResult> ChangePassword(ChangePasswordRequest request, Credentials credentials, HttpContext http, CancellationToken ct)
    {
        Validate(new ChangePasswordValidator(), request);
        var errors = await credentials.ChangePasswordAsync(http.User, request.CurrentPassword!, request.NewPassword!, IdentityConstants.BearerScheme, ct);
        return errors is null
            ? TypedResults.Empty // the bearer handler has written the new token
            : TypedResults.ValidationProblem(errors, title: "La requête contient des erreurs");
    }

    private static async Task<IResult> Status(Credentials credentials, HttpContext http) =>
        TypedResults.Ok(await credentials.StatusAsync(await credentials.UserAsync(http.User)));

    private static async Task<IResult> Authenticator(Credentials credentials, HttpContext http) =>
        TypedResults.Ok(await credentials.AuthenticatorAsync(await credentials.UserAsync(http.User)));

    private static async Task<IResult> Enable(EnableTwoFactorRequest request, Credentials credentials, HttpContext http)
    {
        Validate(new EnableTwoFactorValidator(), request);
        var codes = await credentials.EnableAsync(await credentials.UserAsync(http.User), request.Code!, IdentityConstants.BearerScheme);
        return codes is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [PasswordSignIn.CodeWrongMessage] }, title: "La requête contient des erreurs")
            : TypedResults.Ok(new RecoveryCodes(codes));
    }

    private static async Task<IResult> Regenerate(Credentials credentials, HttpContext http)
    {
        var codes = await credentials.RegenerateRecoveryCodesAsync(await credentials.UserAsync(http.User))
            ?? throw new ConflictException("La validation en deux étapes n'est pas activée sur ce compte.");
        return TypedResults.Ok(new RecoveryCodes(codes));
    }

    private static async Task<IResult> Disable(Credentials credentials, HttpContext http)
    {
        await credentials.DisableAsync(await credentials.UserAsync(http.User), IdentityConstants.BearerScheme);
        return TypedResults.NoContent();
    }
}
