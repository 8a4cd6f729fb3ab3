using Messaging.Core.Common;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Messaging.Core.Attachments;

/// <summary>An image without its metadata, its upright size and a small JPEG thumbnail.</summary>
public sealed record ProcessedImage(byte[] Content, int Width, int Height, byte[] Thumbnail);

/// <summary>
/// Cleans uploaded images with SkiaSharp (docs/adr/0013-image-processing.md): JPEG, PNG and WebP are decoded and
/// re-encoded, which drops EXIF, XMP, GPS, comments and anything hidden after the image data; the EXIF orientation is
/// applied to the pixels first so the picture stays upright. GIFs keep their frames and only lose their comment and
/// foreign application blocks (<see cref="GifCleaner"/>). Thumbnails are JPEG on white, longer side
/// <see cref="AttachmentOptions.ThumbnailSize"/>.
/// </summary>
public sealed class ImageProcessor(IOptions<AttachmentOptions> options)
{
    public ProcessedImage Process(byte[] image, FileType type)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data) ?? throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        }

        if ((long)info.Width * info.Height > options.Value.MaxImagePixels)
        {
            throw new MessagingException(ErrorCode.FileTooLarge, "file");
        }

        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        }

        // GIF: no orientation, and re-encoding would lose the animation; the cleaner removes what can carry metadata.
        if (type == FileTypes.Gif)
        {
            return new ProcessedImage(GifCleaner.Clean(image), info.Width, info.Height, Thumbnail(decoded));
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var format = type == FileTypes.Png ? SKEncodedImageFormat.Png : type == FileTypes.WebP ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg;
        using var uprightImage = SKImage.FromBitmap(upright);
        using var encoded = uprightImage.Encode(format, 90) ?? throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        return new ProcessedImage(encoded.ToArray(), upright.Width, upright.Height, Thumbnail(upright));
    }

    private byte[] Thumbnail(SKBitmap source)
    {
        var edge = Math.Max(16, options.Value.ThumbnailSize);
        var scale = Math.Min(1.0, (double)edge / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var thumbnail = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(thumbnail))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var thumbnailImage = SKImage.FromBitmap(thumbnail);
        using var jpeg = thumbnailImage.Encode(SKEncodedImageFormat.Jpeg, 80);
        return jpeg.ToArray();
    }

    /// <summary>The bitmap turned so that its EXIF orientation is applied to the pixels (the tag itself is dropped).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var width = swap ? source.Height : source.Width;
        var height = swap ? source.Width : source.Height;
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(width, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(width, height);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, height);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(width, height);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, height);
                canvas.RotateDegrees(-90);
                break;
            default:
                break;
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return target;
    }
}

/// <summary>
/// Removes comment extensions and application extensions other than the animation loop (NETSCAPE2.0, ANIMEXTS1.0)
/// from a GIF, which is where XMP and other metadata hide; frames, palettes and timing stay as they were.
/// </summary>
public static class GifCleaner
{
    public static byte[] Clean(byte[] gif)
    {
        using var output = new MemoryStream(gif.Length);
        var position = 13;
        Require(gif.Length >= position);
        output.Write(gif, 0, position);
        if ((gif[10] & 0x80) != 0)
        {
            var table = 3 * (1 << ((gif[10] & 0x07) + 1));
            Require(position + table <= gif.Length);
            output.Write(gif, position, table);
            position += table;
        }

        while (position < gif.Length)
        {
            var introducer = gif[position];
            if (introducer == 0x3B)
            {
                output.WriteByte(0x3B);
                return output.ToArray();
            }

            if (introducer == 0x21)
            {
                Require(position + 2 <= gif.Length);
                var label = gif[position + 1];
                var end = SkipSubBlocks(gif, position + 2);
                var keep = label switch
                {
                    0xFE => false,
                    0xFF => IsAnimationLoop(gif, position + 2),
                    _ => true,
                };
                if (keep)
                {
                    output.Write(gif, position, end - position);
                }

                position = end;
            }
            else if (introducer == 0x2C)
            {
                Require(position + 10 <= gif.Length);
                var start = position;
                var flags = gif[position + 9];
                position += 10;
                if ((flags & 0x80) != 0)
                {
                    position += 3 * (1 << ((flags & 0x07) + 1));
                }

                position += 1; // LZW minimum code size
                Require(position <= gif.Length);
                position = SkipSubBlocks(gif, position);
                output.Write(gif, start, position - start);
            }
            else
            {
                // Anything after the last image that is not a block (trailing data, a polyglot payload) is dropped.
                break;
            }
        }

        output.WriteByte(0x3B);
        return output.ToArray();
    }

    private static bool IsAnimationLoop(byte[] gif, int blockStart) =>
        blockStart + 12 <= gif.Length && gif[blockStart] == 11
        && (gif.AsSpan(blockStart + 1, 11).SequenceEqual("NETSCAPE2.0"u8) || gif.AsSpan(blockStart + 1, 11).SequenceEqual("ANIMEXTS1.0"u8));

    private static int SkipSubBlocks(byte[] gif, int position)
    {
        while (true)
        {
            Require(position < gif.Length);
            var size = gif[position];
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        }
    }
}
