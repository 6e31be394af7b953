#include "base/status.h"

#include <gtest/gtest.h>

namespace scrx {
namespace {

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s.CodeName(), "ok");
}

TEST(Status, MessageNamesThePlace) {
  Status s = Status::NotSupported("corpus/x.pdf", "encrypted: a password is required");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotSupported);
  EXPECT_EQ(s.ToString(), "corpus/x.pdf: encrypted: a password is required");
  EXPECT_EQ(s.CodeName(), "not_supported");
}

TEST(Status, MessageWithoutPlace) {
  EXPECT_EQ(Status::InvalidArgument("", "bad flag").ToString(), "bad flag");
}

TEST(StatusOr, HoldsValueOrError) {
  StatusOr<int> v(42);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), 42);
  StatusOr<int> e(Status::Corruption("f", "truncated"));
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().ToString(), "f: truncated");
}

}  // namespace
}  // namespace scrx
