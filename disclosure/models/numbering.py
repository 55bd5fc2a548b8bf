"""Index numbers (索引号): drawn once, on first publication, from a locked per-organisation counter."""

from django.db import IntegrityError, models, transaction
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

    def __init__(self, documents):
        self.documents = documents
        self.counters = {}

    def _counter(self, organisation, year):
        key = (organisation.pk, year)
        if key not in self.counters:
            try:
                with transaction.atomic():
                    IndexNumberCounter.objects.get_or_create(organisation=organisation, year=year)
            except IntegrityError:
                pass
            self.counters[key] = IndexNumberCounter.objects.select_for_update().get(
                organisation=organisation, year=year
            )
        return self.counters[key]

    def next(self, organisation, year, *, category_code="", taken=frozenset()):
        counter = self._counter(organisation, year)
        while True:
            counter.last_serial += 1
            number = format_index_number(
                organisation.index_number_pattern,
                unit_code=organisation.unit_code,
                year=year,
                serial=counter.last_serial,
                region_code=organisation.region_code,
                category_code=category_code,
            )
            if number not in taken and not self.documents.objects.filter(index_number=number).exists():
                return number

    def keys(self):
        return set(self.counters)

    def forget_since(self, keys):
        """Drop counters first locked inside a savepoint that was rolled back (their lock went with it)."""
        for key in set(self.counters) - keys:
            del self.counters[key]

    def flush(self):
        """Store the counters; call before the transaction commits."""
        for counter in self.counters.values():
            counter.save(update_fields=["last_serial"])
        self.counters = {}
