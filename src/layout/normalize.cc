#include "layout/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace scrx::layout {
namespace {

constexpr UChar32 kBullet = 0x2022;

// Maps one code point to its replacement, or returns -1 to keep it, or -2 to drop it.
UChar32 MapCodePoint(UChar32 c) {
  switch (c) {
    // Quotes and apostrophes.
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x02BC:
    case 0x0060:
    case 0x00B4:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
    case 0x00AB:
    case 0x00BB:
      return '"';
    // Dashes and minus signs.
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return '-';
    // Bullets and list glyphs.
    case 0x2022:
    case 0x25AA:
    case 0x25AB:
    case 0x25E6:
    case 0x25CF:
    case 0x25CB:
    case 0x25A0:
    case 0x25A1:
    case 0x25C6:
    case 0x25C7:
    case 0x2023:
    case 0x2043:
    case 0x27A2:
    case 0x27A4:
    case 0x25BA:
    case 0x25B6:
    case 0x2219:
    case 0x00B7:
    case 0x2713:
    case 0x2714:
    case 0x2756:
    case 0x2666:
    case 0x25D8:
    case 0x25D9:
    case 0x274F:
    case 0x2751:
    case 0x2610:
    case 0x29BF:
    case 0x2B1D:
    case 0x2B25:
      return kBullet;
    // Zero-width characters, soft hyphen, byte order mark.
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return -2;
    default:
      break;
  }
  // Private-use characters of symbol fonts (Symbol, Wingdings): in running text they are
  // almost always bullets or check marks.
  if (c >= 0xF000 && c <= 0xF0FF) return kBullet;
  if (u_isspace(c) || c == 0x00A0 || c == 0x2007 || c == 0x202F) return ' ';
  if (u_charType(c) == U_CONTROL_CHAR) return ' ';
  return -1;
}

const icu::Normalizer2* Nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  return U_SUCCESS(status) ? nfkc : nullptr;
}

}  // namespace

namespace {

// Pass 3 below: spaces collapsed, the ends trimmed.
std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char ch : text) {
    if (ch == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(ch);
  }
  return out;
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  // Most lines are printable ASCII, which passes 1 and 2 leave as it is (the backtick aside:
  // it becomes an apostrophe).
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return c >= 0x20 && c < 0x7f && c != '`'; })) {
    return CollapseSpaces(text);
  }
  // Pass 1: map code points (quotes, dashes, spaces, bullets) into a UnicodeString.
  icu::UnicodeString mapped;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    UChar32 m = MapCodePoint(c);
    // A soft hyphen is invisible inside a line, but at its end it is the hyphen the line was
    // broken with.
    if (c == 0x00AD && i == n) m = '-';
    if (m == -2) continue;
    mapped.append(m == -1 ? c : m);
  }
  // Pass 2: NFKC expands ligatures (U+FB01 -> "fi"), full-width forms, compatibility spaces.
  icu::UnicodeString norm;
  if (const icu::Normalizer2* nfkc = Nfkc()) {
    UErrorCode status = U_ZERO_ERROR;
    norm = nfkc->normalize(mapped, status);
    if (U_FAILURE(status)) norm = mapped;
  } else {
    norm = mapped;
  }
  // Pass 3: NFKC can introduce new quotes/spaces ("…" -> "..."); collapse spaces and trim.
  std::string utf8;
  norm.toUTF8String(utf8);
  return CollapseSpaces(utf8);
}

bool IsBulletToken(std::string_view token) {
  if (token == "\xE2\x80\xA2") return true;  // U+2022 after normalisation
  // A single code point that maps to a bullet (before normalisation).
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(token.data());
  const auto n = static_cast<int32_t>(token.size());
  UChar32 c;
  U8_NEXT(s, i, n, c);
  return i == n && c >= 0 && MapCodePoint(c) == kBullet;
}

}  // namespace scrx::layout
