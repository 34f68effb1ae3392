using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// A download written straight to the response (exports of any size: memory stays flat). The handler checks
/// everything and returns this; <see cref="WriteAsync"/> runs while the response is sent, in the same request
/// scope, so it may still read the database.
/// </summary>
public sealed record StreamedFile(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync)
{
    /// <summary>For an API endpoint.</summary>
    public IResult ToResult() =>
        Results.Stream(stream => WriteAsync(stream, CancellationToken.None), ContentType, FileName);

    /// <summary>For a page handler: the attachment headers, then the content.</summary>
    public async Task WriteToAsync(HttpResponse response, CancellationToken ct)
    {
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = FileName,
            FileNameStar = FileName,
        }.ToString();
        await WriteAsync(response.Body, ct);
    }
}
