#include "pdf/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <poppler/cpp/poppler-rectangle.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string_view>
#include <system_error>

namespace scrx::pdf {
namespace {

std::string ToUtf8(const poppler::ustring& u) { return Utf16ToUtf8(u.data(), u.size()); }

std::string IsoDate(time_t t) {
  if (t == static_cast<time_t>(-1) || t == 0) return "";
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Collects Poppler's error messages while a document is being read. Poppler's hook is global,
// so the collector is installed for the duration of one ReadPdf call; scrx reads one PDF per
// process (see app/), so there is no sharing between concurrent reads.
struct PopplerMessages {
  std::vector<std::string> messages;
  static void Hook(const std::string& msg, void* closure) {
    auto* self = static_cast<PopplerMessages*>(closure);
    if (self->messages.size() < 200) self->messages.push_back(msg);
  }
};

class ScopedPopplerHook {
 public:
  explicit ScopedPopplerHook(PopplerMessages* sink) {
    poppler::set_debug_error_function(&PopplerMessages::Hook, sink);
  }
  ~ScopedPopplerHook() { poppler::set_debug_error_function(&Discard, nullptr); }

 private:
  static void Discard(const std::string&, void*) {}
};

// Poppler's messages for a failure, without repeats and without its "error: " prefix.
std::string JoinMessages(const std::vector<std::string>& msgs) {
  std::vector<std::string> seen;
  std::string out;
  for (std::string m : msgs) {
    if (m.rfind("error: ", 0) == 0) m = m.substr(7);
    if (std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
    seen.push_back(m);
    if (seen.size() > 3) break;
    if (!out.empty()) out += "; ";
    out += m;
  }
  return out;
}

// Checks what can be known before Poppler sees the file: existence, readability, size, magic.
Status PreCheck(const std::string& path, std::uintmax_t* size) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(path, "no such file");
  if (fs::is_directory(st)) return Status::InvalidArgument(path, "is a directory, not a PDF");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path, "cannot open for reading (permission denied?)");
  *size = fs::file_size(path, ec);
  if (ec) return Status::IOError(path, "cannot read the file size: " + ec.message());
  if (*size == 0) return Status::Corruption(path, "empty file (0 bytes)");
  // The PDF header may be preceded by junk; readers accept it within the first 1024 bytes.
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.find("%PDF-") == std::string::npos) {
    return Status::Corruption(path, "not a PDF: the file does not start with %PDF");
  }
  return Status::Ok();
}

// A note marker set as a superscript is often glued to the word before it ("abuse.1"): when
// the last glyphs of a word are digits or note symbols, smaller and raised above the others,
// they become a word of their own (layout then keeps them out of the text).
bool SplitRaisedMarker(const poppler::text_box& tb, Word* word, Word* marker) {
  const std::string& t = word->text;
  if (t.size() < 2) return false;
  // Most words end in a letter: only a digit, '*', or the last byte of '†' (E2 80 A0) or '‡'
  // (E2 80 A1) can end a marker, and nothing is decoded for the rest.
  const auto end = static_cast<unsigned char>(t.back());
  if (!((end >= '0' && end <= '9') || end == '*' || end == 0xA0 || end == 0xA1)) return false;
  auto is_marker_char = [](char32_t c) {
    return (c >= '0' && c <= '9') || c == '*' || c == 0x2020 || c == 0x2021;
  };
  // Decode UTF-8 into code points (the glyph boxes are one per code point).
  std::u32string cps;
  for (size_t i = 0; i < t.size();) {
    auto c = static_cast<unsigned char>(t[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len && i + static_cast<size_t>(k) < t.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(t[i + static_cast<size_t>(k)]) & 0x3F);
    }
    cps.push_back(cp);
    i += static_cast<size_t>(len);
  }
  if (cps.size() < 2 || !is_marker_char(cps.back())) return false;
  size_t k = cps.size();
  while (k > 0 && cps.size() - k < 3 && is_marker_char(cps[k - 1])) --k;
  if (k == 0) return false;  // all digits: a number, not a marker
  poppler::rectf base = tb.char_bbox(k - 1);
  poppler::rectf last = tb.char_bbox(cps.size() - 1);
  if (base.height() <= 0 || last.height() <= 0) return false;
  double base_bottom = base.y() + base.height(), last_bottom = last.y() + last.height();
  bool smaller = last.height() < 0.85 * base.height();
  bool raised = last_bottom < base_bottom - 0.15 * base.height();
  if (!smaller || !raised) return false;
  size_t byte_split = 0;
  for (size_t i = 0, cp = 0; i < t.size() && cp < k; ++cp) {
    auto c = static_cast<unsigned char>(t[i]);
    i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    byte_split = i;
  }
  *marker = *word;
  marker->text = t.substr(byte_split);
  word->text = t.substr(0, byte_split);
  poppler::rectf first_marker = tb.char_bbox(k);
  word->box.x1 = first_marker.x();
  word->space_after = false;
  marker->box = {first_marker.x(), last.y(), last.x() + last.width(), last_bottom};
  marker->font_size = word->font_size * last.height() / base.height();
  return true;
}

}  // namespace

std::string BaseFontName(const std::string& font) {
  if (font.size() > 7 && font[6] == '+' &&
      std::all_of(font.begin(), font.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return font.substr(7);
  }
  return font;
}

namespace {
bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}
}  // namespace

bool FontIsBold(const std::string& font) {
  for (std::string_view k : {"bold", "black", "heavy", "semibold", "demi", "extrab"}) {
    if (ContainsNoCase(font, k)) return true;
  }
  // Short style suffixes used by some foundries: "Arial,Bd", "Calibri-Bd", "Minion-Bd".
  return font.ends_with(",Bd") || font.ends_with("-Bd") || font.ends_with("-BdIt");
}

bool FontIsItalic(const std::string& font) {
  return ContainsNoCase(font, "italic") || ContainsNoCase(font, "oblique") ||
         font.ends_with("-It") || font.ends_with("-BdIt") || font.ends_with(",It");
}

Status ReadPdf(const std::string& path, const ReadOptions& options, RawDocument* out) {
  *out = RawDocument{};
  std::uintmax_t size = 0;
  if (Status s = PreCheck(path, &size); !s.ok()) return s;

  PopplerMessages messages;
  ScopedPopplerHook hook(&messages);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_file(path, options.password, options.password));
  if (!doc) {
    std::string why =
        messages.messages.empty() ? "Poppler could not open it" : JoinMessages(messages.messages);
    return Status::Corruption(path, "damaged PDF: " + why);
  }
  if (doc->is_locked()) {
    if (options.password.empty()) {
      return Status::NotSupported(path, "encrypted: a password is required (use --password)");
    }
    if (!doc->unlock(options.password, options.password) || doc->is_locked()) {
      return Status::NotSupported(path, "encrypted: the password given was not accepted");
    }
  }

  PdfInfo& info = out->info;
  info.title = ToUtf8(doc->get_title());
  info.author = ToUtf8(doc->get_author());
  info.subject = ToUtf8(doc->get_subject());
  info.keywords = ToUtf8(doc->get_keywords());
  info.creator = ToUtf8(doc->get_creator());
  info.producer = ToUtf8(doc->get_producer());
  info.created = IsoDate(doc->get_creation_date_t());
  info.modified = IsoDate(doc->get_modification_date_t());
  int major = 0, minor = 0;
  doc->get_pdf_version(&major, &minor);
  info.pdf_version = std::to_string(major) + "." + std::to_string(minor);
  info.pages = doc->pages();
  if (info.pages <= 0) return Status::Corruption(path, "the PDF has no pages");

  int n = info.pages;
  if (options.max_pages > 0) n = std::min(n, options.max_pages);
  out->pages.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    RawPage page;
    page.number = i + 1;
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    if (!p) {
      out->warnings.push_back({"unreadable_page", page.number, "Poppler could not read the page"});
      out->pages.push_back(std::move(page));
      continue;
    }
    poppler::rectf rect = p->page_rect();
    page.width = rect.width();
    page.height = rect.height();
    std::vector<poppler::text_box> boxes = p->text_list(poppler::page::text_list_include_font);
    page.words.reserve(boxes.size());
    std::string last_font_raw, last_font;
    bool last_bold = false, last_italic = false;
    for (poppler::text_box& tb : boxes) {
      Word w;
      w.text = ToUtf8(tb.text());
      if (w.text.empty()) continue;
      poppler::rectf b = tb.bbox();
      w.box = {b.x(), b.y(), b.x() + b.width(), b.y() + b.height()};
      std::string raw = tb.get_font_name();
      if (raw != last_font_raw) {  // most consecutive words share a font
        last_font_raw = raw;
        last_font = BaseFontName(raw);
        last_bold = FontIsBold(last_font);
        last_italic = FontIsItalic(last_font);
      }
      w.font = last_font;
      w.bold = last_bold;
      w.italic = last_italic;
      w.font_size = tb.get_font_size();
      w.space_after = tb.has_space_after();
      w.rotation = tb.rotation() * 90;
      Word marker;
      if (SplitRaisedMarker(tb, &w, &marker)) {
        page.words.push_back(std::move(w));
        page.words.push_back(std::move(marker));
        continue;
      }
      page.words.push_back(std::move(w));
    }
    if (page.words.empty()) {
      out->warnings.push_back({"no_text_layer", page.number,
                               "the page has no text layer (scanned image?); it needs OCR"});
    }
    out->pages.push_back(std::move(page));
  }
  for (const std::string& m : messages.messages) {
    out->warnings.push_back({"poppler", 0, m});
  }
  return Status::Ok();
}

std::string Utf16ToUtf8(const unsigned short* units, size_t n) {
  const unsigned short* u = units;
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    char32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace scrx::pdf
