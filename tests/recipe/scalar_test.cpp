#include "toolkit/recipe/scalar.h"

#include <catch2/catch.hpp>

using namespace jetstudy::recipe;

TEST_CASE("scalar: integers are whole numbers written without a point") {
  CHECK(parse_integer("4") == 4);
  CHECK(parse_integer("-40") == -40);
  CHECK(parse_integer("+7") == 7);
  CHECK_FALSE(parse_integer("4.5").has_value());
  CHECK_FALSE(parse_integer("4.0").has_value());
  CHECK_FALSE(parse_integer("abc").has_value());
  CHECK_FALSE(parse_integer("").has_value());
  CHECK_FALSE(parse_integer("4 jets").has_value());
}

TEST_CASE("scalar: numbers accept plain and scientific forms, but only finite values") {
  CHECK(parse_number("1e-3") == 0.001);
  CHECK(parse_number("1.0e-3") == 0.001);
  CHECK(parse_number("3") == 3.0);
  CHECK(parse_number("-0.5") == -0.5);
  CHECK_FALSE(parse_number(".inf").has_value());
  CHECK_FALSE(parse_number("nan").has_value());
  CHECK_FALSE(parse_number("abc").has_value());
}

TEST_CASE("scalar: booleans are true and false, and untyped scalars read as YAML would") {
  CHECK(parse_boolean("true") == true);
  CHECK(parse_boolean("False") == false);
  CHECK_FALSE(parse_boolean("yes").has_value());
  CHECK(infer_scalar("4", false) == nlohmann::json(4));
  CHECK(infer_scalar("4", true) == nlohmann::json("4"));
  CHECK(infer_scalar("1.0e-3", false) == nlohmann::json(0.001));
  CHECK(infer_scalar("true", false) == nlohmann::json(true));
  CHECK(infer_scalar("deeptop", false) == nlohmann::json("deeptop"));
}

TEST_CASE("scalar: numbers print in their shortest form") {
  CHECK(format_number(0.001) == "0.001");
  CHECK(format_number(3.0) == "3");
  CHECK(format_number(-1.6) == "-1.6");
}
