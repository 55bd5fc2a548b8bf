"""信息处理费: the ceilings of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

Fees are the exception: only an applicant whose requests clearly exceed a reasonable amount
pays, either by the number of applications in a natural month (按件计收) or by the pages
supplied for one application (按量计收), never both for one application. An office may
charge less than the ceiling (减免), never more.
"""

from decimal import Decimal

#: 按件计收: applications of one applicant in one natural month that are free.
FREE_ITEMS_PER_MONTH = 10
#: 11th to 30th application: 100 yuan each; from the 31st, +100 yuan per band of 10.
ITEM_FEE = 100
FIRST_BAND_END = 30
BAND_SIZE = 10
#: 按量计收: (up to this page, yuan per page); pages 1-30 are free.
PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))


def per_item_ceiling(nth: int) -> Decimal:
    """The most the ``nth`` application of one applicant in one natural month may cost."""
    if nth <= FREE_ITEMS_PER_MONTH:
        return Decimal(0)
    if nth <= FIRST_BAND_END:
        return Decimal(ITEM_FEE)
    bands = (nth - FIRST_BAND_END - 1) // BAND_SIZE + 1
    return Decimal(ITEM_FEE * (bands + 1))


def per_volume_ceiling(pages: int) -> Decimal:
    """The most supplying ``pages`` pages for one application may cost: each band at its own rate."""
    total, start = 0, 0
    for end, rate in PAGE_BANDS:
        top = pages if end is None else min(pages, end)
        if top > start:
            total += (top - start) * rate
        if end is None or pages <= end:
            break
        start = end
    return Decimal(total)


def fee_errors(method: str, amount, nth: int, pages: int | None) -> dict:
    """field -> message for a fee the rules do not allow (the model's ``outcome_errors`` adds them)."""
    if not method:
        return {"fee_amount": "不收取信息处理费时，收费金额应为0。"} if amount else {}
    if not amount:
        return {"fee_amount": "收取信息处理费时请填写金额。"}
    if method == "per_item":
        ceiling = per_item_ceiling(nth)
        if not ceiling:
            return {
                "fee_method": f"同一申请人一个自然月内累计申请{FREE_ITEMS_PER_MONTH}件以下（含{FREE_ITEMS_PER_MONTH}件）的不收费；"
                f"本件是该申请人本月第{nth}件。"
            }
        if amount > ceiling:
            return {"fee_amount": f"按件计收：本件是该申请人本月第{nth}件，最多收取{ceiling}元。"}
        return {}
    if not pages:
        return {"fee_pages": "按量计收时请填写提供信息的页数。"}
    ceiling = per_volume_ceiling(pages)
    if not ceiling:
        return {"fee_method": f"{PAGE_BANDS[0][0]}页以下（含{PAGE_BANDS[0][0]}页）的不收费；本件提供{pages}页。"}
    if amount > ceiling:
        return {"fee_amount": f"按量计收：提供{pages}页，最多收取{ceiling}元。"}
    return {}
