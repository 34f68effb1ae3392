namespace SommeNumerique.Saas.Application.Email;

/// <summary>
/// The French e-mails of the product. Each builds a complete <see cref="EmailMessage"/> (text and HTML) from the facts
/// it needs; callers queue it with <see cref="IEmailOutbox"/>.
/// </summary>
public static class EmailTemplates
{
    /// <summary>An invitation to join <paramref name="what"/> (tenant names, or "l'équipe du syndicat") with a role.</summary>
    public static EmailMessage Invitation(string to, string invitedBy, string what, string roleLabel, string link, DateTimeOffset expiresAt) =>
        Text(to, "Invitation au portail Somme Numérique", "Invitation",
            $"Bonjour,\n\n{invitedBy} vous invite à rejoindre le portail de Somme Numérique pour {what} ({roleLabel}).\n\n" +
            $"Pour accepter l'invitation et choisir votre mot de passe, ouvrez ce lien (valable jusqu'au {Day(expiresAt)}, une seule fois) :\n{link}\n\n" +
            "Si vous n'attendiez pas cette invitation, ignorez ce message.\n\nSomme Numérique");

    /// <summary>A link to choose a new password (also used for a first activation).</summary>
    public static EmailMessage PasswordReset(string to, string link, DateTimeOffset expiresAt) =>
        Text(to, "Réinitialisation de votre mot de passe", "PasswordReset",
            $"Bonjour,\n\nUne réinitialisation du mot de passe de votre compte a été demandée.\n\n" +
            $"Pour choisir un nouveau mot de passe, ouvrez ce lien (valable jusqu'au {Day(expiresAt)}, une seule fois) :\n{link}\n\n" +
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.\n\nSomme Numérique");

    /// <summary>A document is available for a tenant (for later issues: billing runs).</summary>
    public static EmailMessage InvoiceAvailable(string to, string tenantName, string documentNumber, decimal amountTtc, string link) =>
        Text(to, $"Une facture est disponible : {documentNumber}", "InvoiceAvailable",
            $"Bonjour,\n\nUne facture est disponible pour {tenantName} : n° {documentNumber}, {amountTtc.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} € TTC.\n\n" +
            $"Vous pouvez la consulter et la télécharger sur le portail :\n{link}\n\nSomme Numérique");

    private static string Day(DateTimeOffset at) => at.ToString("d MMMM yyyy 'à' HH'h'mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));

    private static EmailMessage Text(string to, string subject, string kind, string text) => new(to, subject, text, null, kind);
}
