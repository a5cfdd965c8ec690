from etl.clean import article_id_for, clean_text, normalise, strip_boilerplate

BODY = "\n\n".join(f"Paragraph {i} of the report on the clashes near the border." for i in range(8))


def test_trailing_comment_form_and_teasers_are_cut():
    page = BODY + "\n\nLEAVE A REPLY\n\nPlease enter your comment!\nPlease enter your name here\n\nMust Read\n\nOther story..."
    assert clean_text(page) == normalise(BODY)


def test_other_furniture_markers():
    for marker in ("Related Articles", "Read more: next story", "Share this:", "You may also like", "Most Popular"):
        assert strip_boilerplate(BODY + "\n" + marker + "\nteaser") == BODY


def test_marker_early_in_text_is_not_believed():
    text = "Must Read\n" + BODY
    assert strip_boilerplate(text) == text


def test_markup_stays_text():
    text = "Officials said <script>alert(1)</script> and <img src=x onerror=alert(1)> appeared."
    assert clean_text(text) == text


def test_normalise_whitespace_and_controls():
    assert normalise("a\r\n\r\n\r\n\r\nb\x00c\u00a0 d  ") == "a\n\nbc d"


def test_article_id_ignores_layout_and_case():
    assert article_id_for("A  b\nc") == article_id_for("a b c")
    assert article_id_for("a b c") != article_id_for("a b d")


def test_unicode_line_and_paragraph_separators_break_lines():
    text = "ISAF Joint Command - Afghanistan\u2028\u20282010-04-CA-067\u2029In Kunduz\x0clast night\x85x"
    assert normalise(text) == "ISAF Joint Command - Afghanistan\n\n2010-04-CA-067\n\nIn Kunduz\nlast night\nx"
    assert article_id_for(text) == article_id_for(normalise(text))
