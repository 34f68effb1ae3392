using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// A download of any size (exports): the handler checks everything and returns this; <see cref="WriteAsync"/> runs
/// when the response is sent, in the same request scope, so it may still read the database. The file is first written
/// whole to a temporary file on disk (memory stays flat), and only then sent: a failure while writing answers a
/// problem details, never a 200 with a truncated file the client would keep.
/// </summary>
public sealed record StreamedFile(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync)
{
    /// <summary>For an API endpoint.</summary>
    public IResult ToResult() => new SpooledResult(this);

    /// <summary>For a page handler: the content written whole, then the attachment headers and the content.</summary>
    public async Task WriteToAsync(HttpResponse response, CancellationToken ct)
    {
        await using var spool = await SpoolAsync(ct);
        response.ContentType = ContentType;
        response.ContentLength = spool.Length;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = FileName,
            FileNameStar = FileName,
        }.ToString();
        await spool.CopyToAsync(response.Body, ct);
    }

    /// <summary>The whole content in a temporary file (deleted when closed), rewound; nothing is kept if writing fails.</summary>
    public async Task<Stream> SpoolAsync(CancellationToken ct)
    {
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), "sn-export-" + Path.GetRandomFileName()), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WriteAsync(spool, ct);
            await spool.FlushAsync(ct);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private sealed class SpooledResult(StreamedFile file) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            await using var spool = await file.SpoolAsync(http.RequestAborted);
            await Results.Stream(spool, file.ContentType, file.FileName).ExecuteAsync(http);
        }
    }
}
