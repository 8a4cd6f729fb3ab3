namespace Messaging.Tests.Web.Search;

/// <summary>
/// Queries as people type them and messages as people write them: each query must find its message. Spelling
/// variants, diacritics, tatweel, alef, yaa and taa-marbuta forms, hamza seats, Arabic-Indic digits, the optional
/// article and prefixes (on either side), case, accents, English plurals, and the unfinished last word.
/// </summary>
public static class SearchRecallSet
{
    public static readonly IReadOnlyList<(string Query, string Message)> Pairs =
    [
        ("محمد", "وصل مُحَمَّد إلى البيت متأخراً"),
        ("مرحبا", "مـــرحبا بكم في الاجتماع"),
        ("احمد", "اتصل أحمد صباحاً"),
        ("ابراهيم", "سافر إبراهيم إلى القاهرة"),
        ("امال", "آمال تنتظر الرد"),
        ("مستشفى", "ذهبت إلى المستشفي أمس"),
        ("مدرسة", "المدرسه مغلقة اليوم"),
        ("قلم", "كتبت الرسالة بالقلم الأزرق"),
        ("قلم", "والقلم على الطاولة"),
        ("كتاب", "فالكتاب جاهز للطباعة"),
        ("طالب", "أعطيت الجائزة للطالب المتفوق"),
        ("سيارة", "وسيارة أخي جديدة"),
        ("بيت", "وبالبيت حديقة كبيرة"),
        ("مسؤول", "المسئول عن المشروع غائب"),
        ("تفاؤل", "التفائل مهم في العمل"),
        ("شاي", "نشرب الشاى بعد الغداء"),
        ("2024", "الموعد في ٢٠٢٤ إن شاء الله"),
        ("كرة", "نلعب کرة القدم مساء"),
        ("المدينة", "وصلنا مدينة جديدة"),
        ("بالسيارة", "السيارة في الموقف"),
        ("اجتما", "الاجتماع يبدأ الساعة العاشرة"),
        ("موعد طبيب", "موعد الطبيب يوم الأحد"),
        ("مكتبة", "ذهبنا إلى المكتبةِ"),
        ("انتظار", "إنتظار الحافلة طويل"),
        ("ولد", "الولد يلعب في الحديقة"),
        ("يد", "كسرت اليد اليمنى"),
        ("فرح", "عمّ الفرح المكان"),
        ("سلام", "وسلامٌ عليكم جميعاً"),
        ("عربية", "اللغة العربيّة جميلة"),
        ("لغة", "للغة أهمية كبيرة"),
        ("مصر", "سافرنا لمصر الشهر الماضي"),
        ("قهوة", "فقهوة الصباح ضرورية"),
        ("رئيس", "اجتمع الرءيس بالوزراء"),
        ("الى اللقاء", "إلى اللقاء يا صديقي"),
        ("cafe", "Meet at the Café at noon"),
        ("resume", "Send your RÉSUMÉ today"),
        ("pen", "I lost my pens again"),
        ("boxes", "Put it in the box please"),
        ("city", "Both cities were flooded"),
        ("meeting", "MEETING moved to Friday"),
        ("meet", "meetings are cancelled this week"),
        ("naive", "a naïve question"),
        ("budget report", "The report on the budget is ready"),
        ("deploy", "Deploying to production now"),
        ("emails", "Check your email before lunch"),
        ("zurich", "Flight to Zürich on Monday"),
        ("garcon", "le garçon est arrivé"),
        ("churches", "the old church on the hill"),
        ("classes", "yoga class tonight"),
        ("bus", "the bus is late again"),
        ("invoice 2024", "Invoice #2024-17 attached"),
        ("sao paulo", "São Paulo office opens"),
        ("uber", "Über alles"),
        ("zoom", "اجتماع على Zoom الساعة ٣"),
        ("ZOOM ٣", "call on zoom at 3"),
    ];

    /// <summary>Queries that must not find the message: the match is on whole words (and prefixes of the last one).</summary>
    public static readonly IReadOnlyList<(string Query, string Message)> Misses =
    [
        ("pen", "Please open the door"),
        ("قلم", "هم مستقلون تماما"),
        ("cat dog", "the dog sleeps all day"),
    ];
}
