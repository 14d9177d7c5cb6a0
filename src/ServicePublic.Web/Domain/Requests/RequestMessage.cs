namespace ServicePublic.Web.Domain.Requests;

/// <summary>
/// A message on a request, between the applicant and the office, optionally with one document.
/// A clerk's internal note is a message too, never shown to the applicant.
/// </summary>
public sealed class RequestMessage
{
    public const int BodyMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public string AuthorId { get; private set; } = "";
    public bool FromOffice { get; private set; }
    public bool IsInternalNote { get; private set; }
    public string Body { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }
    public string? FileName { get; private set; }
    public string? ContentType { get; private set; }
    public long? FileSize { get; private set; }
    public string? Sha256 { get; private set; }
    public string? StorageKey { get; private set; }

    private RequestMessage()
    {
    }

    internal RequestMessage(string authorId, bool fromOffice, bool isInternalNote, string body, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        AuthorId = authorId;
        FromOffice = fromOffice;
        IsInternalNote = isInternalNote;
        Body = body;
        SentAt = now;
    }

    public void AttachFile(string fileName, string contentType, long size, string sha256, string storageKey)
    {
        FileName = fileName;
        ContentType = contentType;
        FileSize = size;
        Sha256 = sha256;
        StorageKey = storageKey;
    }
}
