using System.Globalization;
using System.Text;

namespace SommeNumerique.Saas.Application.Email;

/// <summary>
/// The French e-mails of the product. Each builds a complete <see cref="EmailMessage"/> from the facts it needs: a
/// plain-text body (always) and an HTML alternative where every value is HTML-encoded; callers queue it with
/// <see cref="IEmailOutbox"/>.
/// </summary>
public static class EmailTemplates
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>An invitation to join <paramref name="what"/> (tenant names, or "l'équipe du syndicat") with a role.</summary>
    public static EmailMessage Invitation(string to, string invitedBy, string what, string roleLabel, string link, DateTimeOffset expiresAt) =>
        Build(to, "Invitation au portail Somme Numérique", "Invitation", new Body()
            .Paragraph($"{invitedBy} vous invite à rejoindre le portail de Somme Numérique pour ", what, $" ({roleLabel}).")
            .Paragraph($"Pour accepter l'invitation et choisir votre mot de passe, ouvrez ce lien (valable jusqu'au {Day(expiresAt)}, une seule fois) :")
            .Link(link, "Accepter l'invitation")
            .Paragraph("Si vous n'attendiez pas cette invitation, ignorez ce message."));

    /// <summary>A link to choose a new password (also used for a first activation).</summary>
    public static EmailMessage PasswordReset(string to, string link, DateTimeOffset expiresAt) =>
        Build(to, "Réinitialisation de votre mot de passe", "PasswordReset", new Body()
            .Paragraph("Une réinitialisation du mot de passe de votre compte sur le portail de Somme Numérique a été demandée.")
            .Paragraph($"Pour choisir un nouveau mot de passe, ouvrez ce lien (valable jusqu'au {Day(expiresAt)}, une seule fois) :")
            .Link(link, "Choisir un nouveau mot de passe")
            .Paragraph("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé."));

    /// <summary>A document is available for a tenant (for later issues: billing runs).</summary>
    public static EmailMessage InvoiceAvailable(string to, string tenantName, string documentNumber, decimal amountTtc, string link) =>
        Build(to, $"Une facture est disponible : {documentNumber}", "InvoiceAvailable", new Body()
            .Paragraph("Une facture est disponible pour ", tenantName, $" : n° {documentNumber}, {amountTtc.ToString("N2", French)} € TTC.")
            .Paragraph("Vous pouvez la consulter et la télécharger sur le portail :")
            .Link(link, "Voir la facture"));

    /// <summary>A date and time as the addressee reads it: French, Paris time ("14 décembre 2026 à 16h30").</summary>
    private static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).ToString("d MMMM yyyy 'à' HH'h'mm", French);

    private static readonly TimeZoneInfo Paris = FindParis();

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc; // no time zone data on this machine
        }
    }

    private static EmailMessage Build(string to, string subject, string kind, Body body) =>
        new(to, subject, body.ToText(), body.ToHtml(subject), kind);

    /// <summary>Encodes text for HTML content and double-quoted attribute values.</summary>
    public static string HtmlEncode(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>The paragraphs of a message, written once and rendered as text and as HTML.</summary>
    private sealed class Body
    {
        private readonly List<(string Text, string Html)> _blocks = [];

        /// <summary>A paragraph of plain words (encoded in HTML like any value).</summary>
        public Body Paragraph(string text)
        {
            _blocks.Add((text, $"<p style=\"margin:0 0 16px\">{HtmlEncode(text)}</p>"));
            return this;
        }

        /// <summary>A paragraph with a value shown in bold in HTML (<paramref name="strong"/>), between two texts.</summary>
        public Body Paragraph(string before, string strong, string after)
        {
            _blocks.Add((before + strong + after,
                $"<p style=\"margin:0 0 16px\">{HtmlEncode(before)}<strong>{HtmlEncode(strong)}</strong>{HtmlEncode(after)}</p>"));
            return this;
        }

        /// <summary>The link alone on its line in text; a button and the address to copy in HTML.</summary>
        public Body Link(string link, string label)
        {
            var safe = link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            var button = safe
                ? $"<p style=\"margin:0 0 16px\"><a href=\"{HtmlEncode(link)}\" style=\"display:inline-block;padding:10px 18px;background:#005a9c;color:#ffffff;text-decoration:none;border-radius:4px\">{HtmlEncode(label)}</a></p>"
                : "";
            _blocks.Add((link, button + $"<p style=\"margin:0 0 16px;font-size:13px;color:#555555\">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br>{HtmlEncode(link)}</p>"));
            return this;
        }

        public string ToText()
        {
            var text = new StringBuilder("Bonjour,\n\n");
            foreach (var (block, _) in _blocks) text.Append(block).Append("\n\n");
            return text.Append(Signature).Append('\n').Append(Automatic).Append('\n').ToString();
        }

        public string ToHtml(string title)
        {
            var html = new StringBuilder()
                .Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(HtmlEncode(title)).Append("</title></head>")
                .Append("<body style=\"margin:0;padding:24px;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1e1e1e\">")
                .Append("<div style=\"max-width:600px;margin:0 auto;padding:24px;background:#ffffff\">")
                .Append("<p style=\"margin:0 0 16px\">Bonjour,</p>");
            foreach (var (_, block) in _blocks) html.Append(block);
            return html.Append("<p style=\"margin:24px 0 0\">").Append(HtmlEncode(Signature)).Append("</p>")
                .Append("<p style=\"margin:16px 0 0;font-size:12px;color:#555555\">").Append(HtmlEncode(Automatic)).Append("</p>")
                .Append("</div></body></html>").ToString();
        }

        private const string Signature = "Somme Numérique — syndicat mixte, services numériques mutualisés de la Somme";
        private const string Automatic = "Ce message est envoyé automatiquement : merci de ne pas y répondre.";
    }
}
