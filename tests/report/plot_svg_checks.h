// Minimal checks of the inline SVG the plot primitives return: well-formedness (tags nest and close, text
// has no raw markup characters, entities are known) and counting elements, texts and ids.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace jetstudy::testing {

// "" when `svg` is a single well-formed <svg> element, otherwise what is wrong first.
inline std::string svg_problem(const std::string& svg) {
  if (svg.rfind("<svg", 0) != 0) return "does not start with <svg";
  if (svg.size() < 6 || svg.compare(svg.size() - 6, 6, "</svg>") != 0) return "does not end with </svg>";
  std::vector<std::string> open;
  for (std::size_t i = 0; i < svg.size();) {
    if (svg[i] != '<') {
      const std::size_t next = std::min(svg.find('<', i), svg.size());
      for (std::size_t k = i; k < next; ++k) {
        if (svg[k] == '>' || svg[k] == '"' || svg[k] == '\'') return "unescaped character in text near " + svg.substr(k, 40);
        if (svg[k] != '&') continue;
        const std::size_t semicolon = svg.find(';', k);
        const std::string entity = svg.substr(k, semicolon == std::string::npos ? 8 : semicolon - k + 1);
        const bool known = entity == "&lt;" || entity == "&gt;" || entity == "&amp;" || entity == "&quot;" ||
                           entity == "&apos;" || entity.rfind("&#", 0) == 0;
        if (!known) return "unknown entity " + entity;
      }
      if (open.empty() && next > i && svg.find_first_not_of(" \t\r\n", i) < next) return "text outside <svg>";
      i = next;
      continue;
    }
    char quote = 0;
    std::size_t end = i + 1;
    for (; end < svg.size(); ++end) {
      if (quote != 0) {
        if (svg[end] == quote) quote = 0;
      } else if (svg[end] == '"' || svg[end] == '\'') {
        quote = svg[end];
      } else if (svg[end] == '>') {
        break;
      } else if (svg[end] == '<') {
        return "'<' inside a tag near " + svg.substr(i, 40);
      }
    }
    if (end >= svg.size()) return "unterminated tag near " + svg.substr(i, 40);
    const std::string tag = svg.substr(i, end + 1 - i);
    if (tag[1] == '?' || tag[1] == '!') return "prolog, doctype or comment inside the inline svg: " + tag.substr(0, 40);
    const std::size_t name_begin = tag[1] == '/' ? 2 : 1;
    const std::size_t name_end = tag.find_first_of(" \t\r\n/>", name_begin);
    const std::string name = tag.substr(name_begin, name_end - name_begin);
    if (tag[1] == '/') {
      if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
      open.pop_back();
      if (open.empty() && end + 1 != svg.size()) return "content after the closing </svg>";
    } else if (tag[tag.size() - 2] != '/') {
      if (open.empty() && name != "svg") return "root element is <" + name + ">";
      open.push_back(name);
    }
    i = end + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  return "";
}

inline std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

// The values of every id="..." / id='...' attribute.
inline std::vector<std::string> ids_of(const std::string& svg) {
  std::vector<std::string> ids;
  for (std::size_t at = svg.find(" id="); at != std::string::npos; at = svg.find(" id=", at + 4)) {
    const char quote = svg[at + 4];
    const std::size_t close = svg.find(quote, at + 5);
    ids.push_back(svg.substr(at + 5, close - at - 5));
  }
  return ids;
}

// The texts of <text> elements, without surrounding spaces (tick labels, titles, key entries).
inline std::vector<std::string> texts_of(const std::string& svg) {
  std::vector<std::string> texts;
  for (std::size_t at = svg.find("<text>"); at != std::string::npos; at = svg.find("<text>", at + 6)) {
    const std::size_t close = svg.find("</text>", at);
    std::string text = svg.substr(at + 6, close - at - 6);
    const std::size_t first = text.find_first_not_of(' ');
    texts.push_back(first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(' ') - first + 1));
  }
  return texts;
}

}  // namespace jetstudy::testing

namespace jetstudy::testing {

// The part of `svg` inside the element whose id is `id` (up to the end of that <g>, nesting counted).
inline std::string group_of(const std::string& svg, const std::string& id) {
  const std::size_t begin = svg.find("id=\"" + id + "\"");
  if (begin == std::string::npos) return "";
  int depth = 1;
  std::size_t at = svg.find('>', begin) + 1;
  while (depth > 0 && at < svg.size()) {
    const std::size_t open = svg.find("<g", at), close = svg.find("</g>", at);
    if (close == std::string::npos) break;
    if (open != std::string::npos && open < close) {
      ++depth;
      at = open + 2;
    } else {
      --depth;
      at = close + 4;
    }
  }
  return svg.substr(begin, at - begin);
}

// The vertices (M and L commands) of every path drawn in the group `id`: a curve of n points with a key
// entry has n + 2 (the key sample is one two-point line).
inline std::size_t path_vertices(const std::string& svg, const std::string& id) {
  const std::string group = group_of(svg, id);
  std::size_t vertices = 0;
  for (std::size_t at = group.find(" d='"); at != std::string::npos; at = group.find(" d='", at + 4)) {
    const std::size_t close = group.find('\'', at + 4);
    for (std::size_t k = at + 4; k < close; ++k) vertices += group[k] == 'M' || group[k] == 'L';
  }
  return vertices;
}

}  // namespace jetstudy::testing
