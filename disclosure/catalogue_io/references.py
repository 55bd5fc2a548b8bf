"""How the importer finds (or, when allowed, creates) organisations, categories, genres and parent pages."""

from core.identifiers import unified_social_credit_code
from disclosure.models import CatalogueIndexPage, Genre, InterpretationIndexPage, Organisation, SubjectCategory

from .fields import KIND_LABELS, LineError


class ReferenceResolver:
    """Mixed into the importer, which sets up the name maps and the ``report`` these methods use."""

    # -- reference data -------------------------------------------------------------
    def _reference(self, mapping, name, kind, required):
        if not name:
            if required:
                raise LineError(f"缺少 {kind}")
            return None
        if name in mapping:
            return mapping[name]
        if not self.create_missing:
            raise LineError(f"未知的{KIND_LABELS[kind]}“{name}”（可用 --create-missing 自动创建）")
        return ("missing", kind, name)

    def _materialise(self, ref):
        if not isinstance(ref, tuple):
            return ref
        _marker, kind, name = ref
        if kind == "organisation":
            obj = self.organisations.get(name) or self._create_organisation(name)
            self.organisations[name] = obj
        elif kind == "subject":
            obj = self.subjects.get(name) or SubjectCategory.objects.create(name=name)
            self.subjects[name] = obj
        else:
            obj = self.genres.get(name) or Genre.objects.create(name=name)
            self.genres[name] = obj
        if not any(r == (kind, name) for r in self.report.created_reference):
            self.report.created_reference.append((kind, name))
        return obj

    def _create_organisation(self, name):
        # A placeholder credit code the office must correct; marked by the 99 prefix.
        serial = Organisation.objects.count() + 1
        while True:
            code = unified_social_credit_code("99", serial)
            if not Organisation.objects.filter(unit_code=code).exists():
                break
            serial += 1
        return Organisation.objects.create(name=name, unit_code=code)

    # -- parents --------------------------------------------------------------------
    def _catalogue_for(self, organisation):
        if self.catalogue is None:
            self.catalogue = CatalogueIndexPage.objects.order_by("depth", "path").first()
            if self.catalogue is None:
                raise LineError("站点中还没有信息公开目录页面，请先创建“政府信息公开目录”")
        if self._department_catalogues is None:
            self._department_catalogues = {
                c.organisation_id: c
                for c in CatalogueIndexPage.objects.descendant_of(self.catalogue).exclude(organisation=None)
            }
        return self._department_catalogues.get(organisation.pk, self.catalogue)

    def _interpretation_parent(self):
        if self.interpretation_index is None:
            self.interpretation_index = InterpretationIndexPage.objects.order_by("depth", "path").first()
            if self.interpretation_index is None:
                raise LineError("站点中还没有政策解读栏目")
        return self.interpretation_index
