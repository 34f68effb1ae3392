using SommeNumerique.Saas.Application.Email;

namespace SommeNumerique.Saas.Application.Tests.Emails;

/// <summary>The French e-mails: plain text always, an HTML alternative, every value in both, encoded in HTML.</summary>
public sealed class EmailTemplatesTests
{
    private const string Link = "https://portail.somme-numerique.fr/Account/Invitation?token=abc&x=<y>";
    private static readonly DateTimeOffset Expires = new(2026, 12, 14, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_invitation_names_who_invites_to_what_with_which_role_and_gives_the_link_in_text_and_html()
    {
        var mail = EmailTemplates.Invitation("marie@abbeville.test", "Paul <Staff> & Cie", "Commune d'Abbeville", "Administrateur \"local\"", Link, Expires);

        Assert.Equal("marie@abbeville.test", mail.To);
        Assert.Equal("Invitation", mail.Kind);
        Assert.Equal("Invitation au portail Somme Numérique", mail.Subject);
        // Text: the values as they are, the link alone on its line, the expiry in Paris time.
        Assert.StartsWith("Bonjour,", mail.TextBody);
        Assert.Contains("Paul <Staff> & Cie vous invite à rejoindre le portail de Somme Numérique pour Commune d'Abbeville (Administrateur \"local\").", mail.TextBody);
        Assert.Contains("\n" + Link + "\n", mail.TextBody);
        Assert.Contains("valable jusqu'au 14 décembre 2026 à 16h30, une seule fois", mail.TextBody);
        // HTML: every value encoded, never raw.
        var html = Assert.IsType<string>(mail.HtmlBody);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Paul &lt;Staff&gt; &amp; Cie vous invite", html);
        Assert.Contains("<strong>Commune d&#39;Abbeville</strong>", html);
        Assert.Contains("(Administrateur &quot;local&quot;)", html);
        Assert.Contains("href=\"https://portail.somme-numerique.fr/Account/Invitation?token=abc&amp;x=&lt;y&gt;\"", html);
        Assert.DoesNotContain("<Staff>", html);
        Assert.DoesNotContain("<y>", html);
    }

    [Fact]
    public void The_password_reset_gives_the_link_and_says_the_password_is_unchanged_otherwise()
    {
        var link = "https://portail.test/Account/ResetPassword?user=6a1c2f7e-0000-4000-8000-000000000001&code=Q2ZESjhB";
        var mail = EmailTemplates.PasswordReset("paul@somme.test", link, Expires);

        Assert.Equal("PasswordReset", mail.Kind);
        Assert.Equal("Réinitialisation de votre mot de passe", mail.Subject);
        Assert.Contains("\n" + link + "\n", mail.TextBody);
        Assert.Contains("votre mot de passe reste inchangé", mail.TextBody);
        Assert.Contains($"href=\"{link.Replace("&", "&amp;")}\"", mail.HtmlBody); // &code= encoded in the attribute
        Assert.Contains(">Choisir un nouveau mot de passe</a>", mail.HtmlBody);
    }

    [Fact]
    public void The_invoice_e_mail_gives_the_tenant_number_and_amount_in_french()
    {
        var mail = EmailTemplates.InvoiceAvailable("compta@amiens.test", "Amiens <Métropole>", "F-2026-000123", 1234.5m, "https://portail.test/Invoices/Details?id=1");

        Assert.Equal("InvoiceAvailable", mail.Kind);
        Assert.Equal("Une facture est disponible : F-2026-000123", mail.Subject);
        Assert.Contains("Une facture est disponible pour Amiens <Métropole> : n° F-2026-000123, 1\u202f234,50 € TTC.", mail.TextBody);
        Assert.Contains("<strong>Amiens &lt;Métropole&gt;</strong>", mail.HtmlBody);
        Assert.Contains("1\u202f234,50 € TTC", mail.HtmlBody);
        Assert.Contains("https://portail.test/Invoices/Details?id=1", mail.TextBody);
    }

    [Fact]
    public void A_link_that_is_not_http_is_shown_as_text_never_as_a_clickable_address()
    {
        var mail = EmailTemplates.PasswordReset("paul@somme.test", "javascript:alert(1)", Expires);

        Assert.DoesNotContain("href=", mail.HtmlBody);
        Assert.Contains("javascript:alert(1)", mail.HtmlBody);
    }
}
