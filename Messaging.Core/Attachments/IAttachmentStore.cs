namespace Messaging.Core.Attachments;

/// <summary>Where attachment bytes live: the local file system (one node) or S3-compatible object storage (many nodes).</summary>
public interface IAttachmentStore
{
    /// <summary>Stores everything <paramref name="content"/> yields under <paramref name="key"/>, streaming (never whole in memory).</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The stored bytes from <paramref name="offset"/> to the end; <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, long offset, CancellationToken cancellationToken);

    /// <summary>Removes the object; absent objects are fine (clean-up may run twice).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
