using Microsoft.AspNetCore.Http;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// A small document built in memory (an invoice PDF, a reminder letter, an e-invoice), with the name and type it
/// is downloaded under. Exports of any size use <see cref="StreamedFile"/> instead.
/// </summary>
public sealed record FileDownload(string FileName, string ContentType, byte[] Content)
{
    public const string Pdf = "application/pdf";
    public const string Xml = "application/xml";

    public IResult ToResult() => Results.File(Content, ContentType, FileName);
}
