"""Index numbers (索引号): drawn once, on first publication, from a locked per-organisation counter."""

from collections import Counter

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.index_numbers import format_index_number

from .reference import Organisation


class IndexNumberCounter(models.Model):
    """The last index-number serial issued per organisation and year; locked while a number is drawn."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号计数器")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="unique_index_counter_per_year"),
        ]

    def __str__(self):
        return f"{self.organisation_id}/{self.year}: {self.last_serial}"


def next_index_number(organisation, year, documents, *, category_code=""):
    """Draw the next free index number for ``organisation`` and ``year``.

    The counter row is locked (SELECT ... FOR UPDATE) until the caller's
    transaction commits, so two editors publishing at the same moment get
    different serials; the unique constraint on the page table is the backstop.
    """
    with transaction.atomic():
        allocator = IndexNumberAllocator(documents)
        number = allocator.next(organisation, year, category_code=category_code)
        allocator.flush()
    return number


def assign_index_number(page):
    """Give ``page`` its index number, by the year of its 发布日期."""
    published = page.published_at or timezone.now()
    year = timezone.localtime(published).year if timezone.is_aware(published) else published.year
    category_code = page.subject.code if page.subject_id and page.subject else ""
    page.index_number = next_index_number(page.organisation, year, type(page), category_code=category_code)
    return page.index_number


class IndexNumberAllocator:
    """Draws many index numbers inside one transaction (bulk import): each counter is locked once.

    ``documents`` is the page model whose ``index_number`` values are already taken.
    """

    #: Numbers after the one drawn that the first lookup of a counter checks against the
    #: catalogue; each further lookup of the same counter checks twice as many, up to
    #: ``LOOKAHEAD_MAX`` (a batch draws a few numbers from each of many counters, or many from one).
    LOOKAHEAD = 8
    LOOKAHEAD_MAX = 512

    def __init__(self, documents):
        self.documents = documents
        self.counters = {}
        # Numbers already looked up -> whether a document has them.  Valid while the counters
        # are locked: nobody else draws their serials meanwhile.
        self._issued_numbers = {}
        self._lookahead = {}

    def _counter(self, organisation, year):
        key = (organisation.pk, year)
        if key not in self.counters:
            self._lock([key])
        return self.counters[key]

    def _lock(self, keys):
        """Lock the counters of ``keys`` ((organisation pk, year) pairs), creating those that do not exist yet."""
        query = Q()
        for organisation_id, year in keys:
            query |= Q(organisation_id=organisation_id, year=year)
        # In key order, so that two transactions locking the same counters cannot deadlock.
        counters = IndexNumberCounter.objects.select_for_update().filter(query).order_by("pk")
        found = {(counter.organisation_id, counter.year): counter for counter in counters}
        if len(found) < len(keys):
            # A counter created meanwhile by another transaction is left alone, and its lock waited for below.
            IndexNumberCounter.objects.bulk_create(
                [IndexNumberCounter(organisation_id=o, year=y) for o, y in keys if (o, y) not in found],
                ignore_conflicts=True,
            )
            found.update({(counter.organisation_id, counter.year): counter for counter in counters.all()})
        self.counters.update(found)

    def prepare(self, wanted):
        """Lock the counters a batch will draw from and look up the numbers it will draw, in a few queries.

        ``wanted`` maps ``(organisation, year, category_code)`` to how many numbers are
        likely drawn.  Only a speed-up: ``next()`` draws the same numbers with or without
        it, and looks up what was not foreseen.
        """
        keys = {(organisation.pk, year) for organisation, year, _code in wanted}
        if missing := [key for key in keys if key not in self.counters]:
            self._lock(missing)
        per_counter = Counter()
        for (organisation, year, _code), count in wanted.items():
            per_counter[(organisation.pk, year)] += count
        numbers = set()
        for organisation, year, category_code in wanted:
            # Every category draws from the one serial sequence of its organisation and year.
            first = self.counters[(organisation.pk, year)].last_serial + 1
            count = per_counter[(organisation.pk, year)] + self.LOOKAHEAD
            numbers.update(
                self._format(organisation, year, serial, category_code) for serial in range(first, first + count)
            )
        numbers -= self._issued_numbers.keys()
        self._issued_numbers.update(dict.fromkeys(numbers, False))
        numbers = sorted(numbers)
        for start in range(0, len(numbers), 500):
            self._issued_numbers.update(dict.fromkeys(self._issued(numbers[start : start + 500]), True))

    @staticmethod
    def _format(organisation, year, serial, category_code):
        return format_index_number(
            organisation.index_number_pattern,
            unit_code=organisation.unit_code,
            year=year,
            serial=serial,
            region_code=organisation.region_code,
            category_code=category_code,
        )

    def next(self, organisation, year, *, category_code="", taken=frozenset()):
        counter = self._counter(organisation, year)
        while True:
            counter.last_serial += 1
            number = self._format(organisation, year, counter.last_serial, category_code)
            if number in taken:
                continue
            if number not in self._issued_numbers:
                key = (organisation.pk, year)
                size = self._lookahead.get(key, self.LOOKAHEAD)
                self._lookahead[key] = min(2 * size, self.LOOKAHEAD_MAX)
                ahead = [
                    self._format(organisation, year, serial, category_code)
                    for serial in range(counter.last_serial, counter.last_serial + size)
                ]
                self._issued_numbers.update(dict.fromkeys(ahead, False))
                self._issued_numbers.update(dict.fromkeys(self._issued(ahead), True))
            if not self._issued_numbers[number]:
                return number

    def _issued(self, numbers):
        """Those of ``numbers`` that documents have already (one query for many draws)."""
        # The unique index on the number is partial (blank numbers are left out): SQLite uses it only
        # when the query repeats its condition, and otherwise scans the whole catalogue.
        issued = self.documents.objects.filter(index_number__in=numbers).exclude(index_number="")
        return issued.values_list("index_number", flat=True)

    def keys(self):
        return set(self.counters)

    def forget_since(self, keys):
        """Drop counters first locked inside a savepoint that was rolled back (their lock went with it)."""
        for key in set(self.counters) - keys:
            del self.counters[key]
        self._issued_numbers, self._lookahead = {}, {}

    def flush(self):
        """Store the counters; call before the transaction commits."""
        IndexNumberCounter.objects.bulk_update(self.counters.values(), ["last_serial"])
        self.counters = {}
        self._issued_numbers, self._lookahead = {}, {}
