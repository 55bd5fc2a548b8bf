from core.text import quoted_title


def test_titles_are_quoted_without_nesting_book_marks():
    assert quoted_title("示例市最低生活保障办法") == "《示例市最低生活保障办法》"
    assert quoted_title("关于《示例市养老服务办法（征求意见稿）》公开征求意见") == (
        "“关于《示例市养老服务办法（征求意见稿）》公开征求意见”"
    )
