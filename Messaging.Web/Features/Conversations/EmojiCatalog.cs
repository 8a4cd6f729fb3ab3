namespace Messaging.Web.Features.Conversations;

/// <summary>
/// The emoji the reaction picker offers, by group. A fixed list (no font or network look-up): every one is a single
/// grapheme that <see cref="Messaging.Core.Reactions.ReactionRules.Validate"/> accepts.
/// </summary>
public static class EmojiCatalog
{
    public sealed record Group(string Key, IReadOnlyList<string> Emoji);

    public static readonly IReadOnlyList<Group> Groups =
    [
        new("EmojiGroupSmileys", Split("😀 😃 😄 😁 😆 😅 🤣 😂 🙂 🙃 😉 😊 😇 🥰 😍 🤩 😘 😋 😛 😜 🤪 🤗 🤭 🤫 🤔 🤐 🤨 😐 😑 😶 😏 😒 🙄 😬 😌 😔 😪 😴 😷 🤒 🤕 🤢 🥵 🥶 😵 🤯 🥳 😎 🤓 🧐 😕 😟 🙁 😮 😯 😲 😳 🥺 😦 😧 😨 😰 😥 😢 😭 😱 😖 😣 😞 😓 😩 😫 🥱 😤 😡 😠 🤬")),
        new("EmojiGroupPeople", Split("👍 👎 👌 ✌️ 🤞 🤝 🙏 👏 🙌 👐 🤲 👋 🤙 💪 ✍️ 👀 🧠 🫡 🤷 🙋 🙇 🤦 💁 🙆 🙅")),
        new("EmojiGroupHearts", Split("❤️ 🧡 💛 💚 💙 💜 🖤 🤍 🤎 💔 💕 💞 💓 💗 💖 💘 💝")),
        new("EmojiGroupNature", Split("🌹 🌷 🌸 🌼 🌻 🌴 🌵 🍀 🌙 ⭐ 🌟 ✨ ⚡ 🔥 🌈 ☀️ ⛅ 🌧️ ❄️ 🌊 🐪 🐎 🐈 🐕 🦅 🕊️")),
        new("EmojiGroupFood", Split("☕ 🍵 🥤 🧃 🍰 🎂 🍪 🍫 🍩 🍎 🍊 🍉 🍇 🍓 🥭 🍌 🥙 🍕 🍔 🍟 🍚 🥗")),
        new("EmojiGroupActivities", Split("🎉 🎊 🎁 🎈 🏆 🥇 🎯 ⚽ 🏀 🎮 🎵 🎶 📚 ✈️ 🚗 🏠 🕌 🕋")),
        new("EmojiGroupObjects", Split("💡 📌 📎 📝 📅 📊 📈 📉 💼 📁 🔒 🔑 🔔 📣 💬 💭 ⏰ ⌛ 💯 💰")),
        new("EmojiGroupSymbols", Split("✅ ☑️ ✔️ ❌ ❎ ⚠️ 🚫 ❓ ❗ ‼️ ⁉️ ➕ ➖ 🆗 🆕 🔴 🟢 🟡 🔵 ⬆️ ⬇️ ➡️ ⬅️ 🔁")),
    ];

    private static string[] Split(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
