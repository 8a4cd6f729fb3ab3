using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>Real files made in the test: images by SkiaSharp, EXIF/GPS/XMP written byte by byte as a camera would.</summary>
public static class TestFiles
{
    public const string SecretPlace = "SECRET-LOCATION-42";

    /// <summary>A JPEG with an EXIF block (GPS latitude/longitude and a description) and an XMP block, like a phone photo.</summary>
    public static byte[] JpegWithExifGps(int width = 640, int height = 480)
    {
        var plain = Image(width, height, SKEncodedImageFormat.Jpeg);
        var exif = ExifSegment();
        var xmp = XmpSegment();
        using var output = new MemoryStream();
        output.Write(plain, 0, 2); // SOI
        output.Write(exif);
        output.Write(xmp);
        output.Write(plain, 2, plain.Length - 2);
        return output.ToArray();
    }

    public static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PNG of random pixels: it does not compress, so its size follows its dimensions.</summary>
    public static byte[] NoisyPng(int width, int height)
    {
        var random = new Random(42);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The APPn segment markers of a JPEG up to the image data (0xE1 = APP1, where EXIF and XMP live).</summary>
    public static IReadOnlyList<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var position = 2;
        while (position + 4 <= jpeg.Length && jpeg[position] == 0xFF)
        {
            var marker = jpeg[position + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }

            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
        }

        return markers;
    }

    /// <summary>Whether SkiaSharp recognizes the bytes as an image at all.</summary>
    public static bool IsImage(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return codec is not null;
    }

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static byte[] ExifSegment()
    {
        // TIFF (little endian): IFD0 { ImageDescription, GPSInfo -> GPS IFD { LatitudeRef, Latitude, LongitudeRef, Longitude } }.
        var tiff = new byte[256];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 8);
        var description = Encoding.ASCII.GetBytes(SecretPlace + "\0");

        // IFD0 at 8: 2 entries.
        var p = 8;
        BinaryPrimitives.WriteUInt16LittleEndian(span[p..], 2);
        p += 2;
        Entry(span, ref p, 0x010E, 2, (uint)description.Length, 100); // ImageDescription -> offset 100
        Entry(span, ref p, 0x8825, 4, 1, 40); // GPSInfo -> IFD at 40
        BinaryPrimitives.WriteUInt32LittleEndian(span[p..], 0);

        // GPS IFD at 40: 4 entries.
        p = 40;
        BinaryPrimitives.WriteUInt16LittleEndian(span[p..], 4);
        p += 2;
        Entry(span, ref p, 0x0001, 2, 2, 'N'); // LatitudeRef "N\0" inline
        Entry(span, ref p, 0x0002, 5, 3, 140); // Latitude -> 3 rationals at 140
        Entry(span, ref p, 0x0003, 2, 2, 'E');
        Entry(span, ref p, 0x0004, 5, 3, 164);
        BinaryPrimitives.WriteUInt32LittleEndian(span[p..], 0);
        description.CopyTo(span[100..]);
        uint[] latitude = [24, 1, 42, 1, 3000, 100];
        uint[] longitude = [46, 1, 40, 1, 1200, 100];
        for (var i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(140 + (4 * i))..], latitude[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(164 + (4 * i))..], longitude[i]);
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff.Take(188)).ToArray();
        return Segment(0xE1, payload);
    }

    private static byte[] XmpSegment()
    {
        var xml = $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"24,42.5N\" exif:UserComment=\"{SecretPlace}\"/></rdf:RDF></x:xmpmeta>";
        var payload = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0" + xml);
        return Segment(0xE1, payload);
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    private static void Entry(Span<byte> span, ref int p, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[p..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(p + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(p + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(p + 8)..], value);
        p += 12;
    }
}
