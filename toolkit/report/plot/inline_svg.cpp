// See inline_svg.h. The document is walked once as alternating tags and text: ids are rewritten only inside
// tags, so a title that happens to read "#gpPt1'" is left as the user wrote it.
#include "toolkit/report/plot/inline_svg.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include "toolkit/core/error.h"

namespace jetstudy::report::plot {
namespace {

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == ':';
}

// The end (one past '>') of the tag starting at `begin` ('<'), skipping '>' inside quoted attribute values.
std::size_t tag_end(std::string_view text, std::size_t begin) {
  char quote = 0;
  for (std::size_t i = begin + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  throw std::runtime_error("gnuplot wrote an SVG with an unterminated tag");
}

// Every value of an id="..." or id='...' attribute in the tags of `text`.
std::set<std::string> collect_ids(std::string_view text) {
  std::set<std::string> ids;
  for (std::size_t at = text.find("id="); at != std::string_view::npos; at = text.find("id=", at + 3)) {
    if (at == 0 || (text[at - 1] != ' ' && text[at - 1] != '\t' && text[at - 1] != '\n')) continue;
    const char quote = text[at + 3];
    if (quote != '"' && quote != '\'') continue;
    const std::size_t close = text.find(quote, at + 4);
    if (close == std::string_view::npos) continue;
    ids.emplace(text.substr(at + 4, close - at - 4));
  }
  return ids;
}

// Inside one tag: id="X" -> id="p_X" and references #X -> #p_X, for the ids gnuplot defined.
std::string rewrite_tag(std::string_view tag, const std::set<std::string>& ids, std::string_view prefix) {
  std::string out;
  out.reserve(tag.size() + 16);
  for (std::size_t i = 0; i < tag.size();) {
    const bool id_attribute = tag.compare(i, 3, "id=") == 0 && i > 0 && !is_name_character(tag[i - 1]) &&
                              i + 3 < tag.size() && (tag[i + 3] == '"' || tag[i + 3] == '\'');
    const bool reference = tag[i] == '#';
    if (!id_attribute && !reference) {
      out += tag[i++];
      continue;
    }
    const std::size_t name_begin = id_attribute ? i + 4 : i + 1;
    std::size_t name_end = name_begin;
    while (name_end < tag.size() && is_name_character(tag[name_end])) ++name_end;
    const std::string name(tag.substr(name_begin, name_end - name_begin));
    out.append(tag.substr(i, name_begin - i));
    const std::string owned_prefix = std::string(prefix) + "_";
    if (ids.count(name) > 0 && name.rfind(owned_prefix, 0) != 0) out += owned_prefix;
    out += name;
    i = name_end;
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string inline_svg(std::string_view svg_document, std::string_view prefix) {
  JETSTUDY_CHECK(!prefix.empty() && !(prefix[0] >= '0' && prefix[0] <= '9'), "an SVG id prefix is an XML name");
  const std::size_t begin = svg_document.find("<svg");
  const std::size_t end = svg_document.rfind("</svg>");
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
    throw std::runtime_error("gnuplot wrote no <svg> element");
  }
  const std::string_view svg = svg_document.substr(begin, end + 6 - begin);
  const std::set<std::string> ids = collect_ids(svg);

  std::string out;
  out.reserve(svg.size() + 4096);
  bool first_tag = true;
  for (std::size_t i = 0; i < svg.size();) {
    if (svg[i] != '<') {
      const std::size_t next = std::min(svg.find('<', i), svg.size());
      for (std::size_t k = i; k < next; ++k) {
        switch (svg[k]) {
          case '>': out += "&gt;"; break;
          case '"': out += "&quot;"; break;
          case '\'': out += "&#39;"; break;
          default: out += svg[k];
        }
      }
      i = next;
      continue;
    }
    const std::size_t close = tag_end(svg, i);
    std::string tag = rewrite_tag(svg.substr(i, close - i), ids, prefix);
    if (first_tag) {
      tag.insert(4, std::string(" id=\"") + std::string(prefix) + "\" class=\"jetstudy-plot\"");
      first_tag = false;
    }
    out += tag;
    i = close;
  }
  return out;
}

}  // namespace jetstudy::report::plot
