using Microsoft.AspNetCore.Identity;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>Identity's error messages in French, as shown next to the form fields.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur inconnue est survenue.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"L'adresse {email} est déjà utilisée.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"L'identifiant {userName} est déjà utilisé.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"L'adresse « {email} » n'est pas valide.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Le mot de passe doit contenir au moins {length} caractères.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Le mot de passe doit contenir au moins une minuscule.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir au moins une majuscule.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir au moins un caractère spécial.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
