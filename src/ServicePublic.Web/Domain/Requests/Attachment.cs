namespace ServicePublic.Web.Domain.Requests;

/// <summary>
/// A document attached to a request's file field. Replacing it keeps the old one (not current),
/// so the history of what was sent before a correction stays.
/// </summary>
public sealed class Attachment
{
    public const int FileNameMaxLength = 120;

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public string FieldKey { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public string UploadedById { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public bool IsCurrent { get; private set; }

    private Attachment()
    {
    }

    internal Attachment(string fieldKey, string fileName, string contentType, long size, string sha256, string storageKey, string uploadedById, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        FieldKey = fieldKey;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedById = uploadedById;
        UploadedAt = now;
        IsCurrent = true;
    }

    internal void Retire() => IsCurrent = false;
}
