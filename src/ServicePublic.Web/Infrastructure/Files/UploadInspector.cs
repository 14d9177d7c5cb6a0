using System.Security.Cryptography;

namespace ServicePublic.Web.Infrastructure.Files;

/// <summary>
/// Checks an upload before anything is kept: its size (read, not trusted from headers), its type
/// by content, and computes its SHA-256 while storing it.
/// </summary>
public sealed class UploadInspector(IFileStore store, IOptions<FileStoreOptions> options)
{
    public sealed record Accepted(string StorageKey, string FileName, string ContentType, long Size, string Sha256);

    /// <summary>A message for the user: a French template (the resource key) and its arguments.</summary>
    public sealed record Refusal(string Template, params object[] Arguments)
    {
        public string French => string.Format(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), Template, Arguments);
    }

    /// <summary>The stored file, or why it is refused (nothing stored then).</summary>
    public async Task<(Accepted? File, Refusal? Error)> InspectAndStoreAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            return (null, new Refusal("Le fichier est vide ou absent."));
        }
        var max = options.Value.MaxBytes;
        if (upload.Length > max)
        {
            return (null, TooLarge());
        }
        await using var input = upload.OpenReadStream();
        var header = new byte[16];
        var read = await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        var kind = FileInspector.Detect(header.AsSpan(0, read));
        if (kind is null)
        {
            return (null, new Refusal("Ce fichier n'est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont acceptés."));
        }
        input.Position = 0;
        if (kind.ContentType == "application/pdf" && await ActiveContentAsync(input, max, ct) is { } active)
        {
            return (null, active);
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var hashing = new HashingStream(input, hash, max);
        string key;
        try
        {
            key = await store.SaveAsync(hashing, ct);
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge());
        }
        return (new Accepted(key, FileInspector.SafeName(upload.FileName, kind), kind.ContentType, hashing.BytesRead, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
    }

    /// <summary>Why a PDF that could act when opened (a script, a program to launch, a file inside) is refused; null when it only shows.</summary>
    private static async Task<Refusal?> ActiveContentAsync(Stream input, long max, CancellationToken ct)
    {
        var pdf = new byte[Math.Min(input.Length, max)];
        await input.ReadExactlyAsync(pdf, ct);
        input.Position = 0;
        return PdfActiveContent.Inspect(pdf) switch
        {
            PdfActiveContent.Verdict.Active => new Refusal(
                "Ce PDF contient des éléments actifs (script, lancement de programme ou fichier intégré), refusés par sécurité. Enregistrez-le à nouveau avec « Imprimer en PDF », puis réessayez."),
            PdfActiveContent.Verdict.Unverifiable => new Refusal(
                "Ce PDF est chiffré ou ne peut pas être vérifié. Enregistrez-le à nouveau avec « Imprimer en PDF », sans mot de passe, puis réessayez."),
            _ => null,
        };
    }

    private Refusal TooLarge() =>
        new("Le fichier dépasse {0} Mo. Réduisez-le (scan en 150 ppp, photo moins lourde) puis réessayez.", options.Value.MaxMegabytes);

    /// <summary>Hashes what it reads and refuses to read past the limit.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash, long limit) : Stream
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Count(buffer.Span[..read]);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Count(buffer.AsSpan(offset, read));
            return read;
        }

        private void Count(ReadOnlySpan<byte> data)
        {
            BytesRead += data.Length;
            if (BytesRead > limit)
            {
                throw new InvalidDataException("Upload larger than allowed.");
            }
            hash.AppendData(data);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
