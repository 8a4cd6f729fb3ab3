using System.Text;

namespace Messaging.Bench;

/// <summary>
/// Text for the search bench: a vocabulary of real Arabic and English words of work conversations, widened with
/// made-up words to about 12,000, drawn with Zipf's law (a few words everywhere, most words rare) like real text.
/// Queries pick words the same way, so common and rare words are both asked for.
/// </summary>
internal sealed class SearchCorpus
{
    private static readonly string[] Arabic =
    [
        "اجتماع", "العقد", "الموافقة", "التقرير", "الميزانية", "المشروع", "الفاتورة", "العميل", "الشحنة", "المورد",
        "الموعد", "التسليم", "الجودة", "الاسعار", "العرض", "المناقصة", "الترخيص", "المراجعة", "الحسابات", "الرواتب",
        "مستشفى", "الصيدلية", "الدواء", "المريض", "الطبيب", "المختبر", "النتائج", "الأشعة", "العيادة", "الجراحة",
        "مهندس", "الموقع", "الخرسانة", "الحديد", "المخطط", "التصميم", "البلدية", "السلامة", "المقاول", "الاستلام",
        "شكرا", "تمام", "غدا", "اليوم", "الأسبوع", "القادم", "مرفق", "ملف", "نسخة", "توقيع", "عاجل", "مهم", "سري",
        "الرياض", "جدة", "الدمام", "القاهرة", "دبي", "عمّان", "الكويت", "مسقط", "الدوحة", "المنامة",
        "بالتوفيق", "وصلني", "أرسلت", "سأرسل", "نحتاج", "يرجى", "مراجعة", "تأكيد", "إلغاء", "تأجيل", "مسودة", "نهائي",
        "مؤتمر", "مسؤول", "قراءة", "رئيس", "مدير", "الشركة", "الفريق", "القسم", "الإدارة", "المالية", "القانونية",
    ];

    private static readonly string[] English =
    [
        "meeting", "contract", "approval", "report", "budget", "project", "invoice", "client", "shipment", "supplier",
        "deadline", "delivery", "quality", "pricing", "proposal", "tender", "license", "audit", "accounts", "payroll",
        "hospital", "pharmacy", "medicine", "patient", "doctor", "laboratory", "results", "radiology", "clinic", "surgery",
        "engineer", "site", "concrete", "steel", "drawing", "design", "permit", "safety", "contractor", "handover",
        "thanks", "okay", "tomorrow", "today", "week", "next", "attached", "file", "copy", "signature", "urgent",
        "important", "confidential", "please", "review", "confirm", "cancel", "postpone", "draft", "final", "version",
        "riyadh", "jeddah", "dammam", "cairo", "dubai", "amman", "kuwait", "muscat", "doha", "manama",
        "schedule", "call", "update", "status", "team", "manager", "department", "finance", "legal", "board", "minutes",
        "agenda", "quarter", "forecast", "revenue", "costs", "margin", "target", "risk", "issue", "fix", "release",
    ];

    private static readonly string[] LatinSyllables = ["ka", "lo", "mi", "ter", "san", "vel", "dor", "pri", "nu", "ax", "bel", "cor", "ful", "gen", "hol", "ire"];
    private static readonly string[] ArabicLetters = ["ب", "ت", "ج", "د", "ر", "س", "ش", "ع", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي", "ح"];

    private readonly string[] words;
    private readonly double[] cumulative;

    public SearchCorpus(int seed)
    {
        var random = new Random(seed);
        var vocabulary = new List<string>();
        // Real words take the most frequent ranks, alternating the languages.
        for (var i = 0; i < Math.Max(Arabic.Length, English.Length); i++)
        {
            if (i < English.Length)
            {
                vocabulary.Add(English[i]);
            }

            if (i < Arabic.Length)
            {
                vocabulary.Add(Arabic[i]);
            }
        }

        var seen = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        while (vocabulary.Count < 12_000)
        {
            var word = new StringBuilder();
            var arabic = random.Next(2) == 0;
            for (var n = random.Next(arabic ? 3 : 2, arabic ? 7 : 5); n > 0; n--)
            {
                word.Append(arabic ? ArabicLetters[random.Next(ArabicLetters.Length)] : LatinSyllables[random.Next(LatinSyllables.Length)]);
            }

            if (seen.Add(word.ToString()))
            {
                vocabulary.Add(word.ToString());
            }
        }

        words = [.. vocabulary];
        cumulative = new double[words.Length];
        var total = 0.0;
        for (var rank = 0; rank < words.Length; rank++)
        {
            total += 1.0 / (rank + 1);
            cumulative[rank] = total;
        }

        for (var rank = 0; rank < words.Length; rank++)
        {
            cumulative[rank] /= total;
        }
    }

    /// <summary>A message of 3 to 20 words.</summary>
    public string Message(Random random)
    {
        var builder = new StringBuilder();
        for (var n = random.Next(3, 21); n > 0; n--)
        {
            builder.Append(builder.Length > 0 ? " " : "").Append(Word(random));
        }

        return builder.ToString();
    }

    /// <summary>What someone searches for: a word of the text, by the same law (skipping one- and two-letter ones).</summary>
    public string QueryWord(Random random)
    {
        string word;
        do
        {
            word = Word(random);
        }
        while (word.Length < 3);
        return word;
    }

    private string Word(Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return words[index < 0 ? Math.Min(~index, words.Length - 1) : index];
    }
}
