using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Attachments;

public static class AttachmentsRegistration
{
    /// <summary>File sharing: the store chosen by <c>Messaging:Attachments:Store</c>, upload, download, images, clean-up.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section)
            .Validate(o => Enum.IsDefined(o.Store), "Messaging:Attachments:Store must be FileSystem or S3.")
            .ValidateOnStart();
        // The store is chosen when first asked for, from the validated options; the container disposes the one it made.
        services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.Store == AttachmentStoreKind.S3
            ? ActivatorUtilities.CreateInstance<S3AttachmentStore>(sp)
            : ActivatorUtilities.CreateInstance<FileSystemAttachmentStore>(sp));

        services.AddSingleton<AttachmentBlobs>();
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<ImageQueue>();
        services.AddSingleton<ClamAvScanner>();
        services.AddSingleton<UploadAttachmentHandler>();
        services.AddSingleton<AttachmentReader>();
        services.AddSingleton<FileSharingHandler>();
        services.AddSingleton<AttachmentCleanup>();
        services.AddHostedService<ImageWorker>();
        return services;
    }
}
