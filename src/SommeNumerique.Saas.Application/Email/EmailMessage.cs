namespace SommeNumerique.Saas.Application.Email;

/// <summary>
/// One e-mail to send: a plain-text body (always) and an HTML body (optional). Built by <see cref="EmailTemplates"/>,
/// queued with <see cref="IEmailOutbox"/>.
/// </summary>
/// <param name="Kind">What it is ("Invitation", "PasswordReset", "InvoiceAvailable"...): shown in the outbox and logs.</param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody, string Kind);

/// <summary>
/// The outbox: a message is queued in the current unit of work (saved with the change that asked for it, or not at
/// all) and sent afterwards by the dispatcher, retried on failure and reported, never silently lost.
/// </summary>
public interface IEmailOutbox
{
    void Enqueue(EmailMessage message);
}
