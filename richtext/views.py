"""What the body editor asks the server: library images to choose from, and uploads.

Staff only, each with the image permission it needs (contributors may view and add library
images, so they can use both). Answers are JSON; bad input is a 400 with the form's messages.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from images.forms import ImageForm
from images.models import DELIVERY_FIELDS, Image

PAGE_SIZE = 24


def _choice(image: Image) -> dict:
    return {
        "id": image.pk,
        "thumbnail": image.thumbnail_url(),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
    }


@require_GET
@staff_member_required
@permission_required("images.view_image", raise_exception=True)
def image_choices(request: HttpRequest) -> JsonResponse:
    """The newest library images, or those whose words match `q`, a page at a time."""
    images = Image.objects.only(*DELIVERY_FIELDS)
    if query := request.GET.get("q", "").strip()[:100]:
        images = images.filter(
            Q(alt_text__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query)
        )
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return JsonResponse({"error": "page must be a number"}, status=400)
    start = (page - 1) * PAGE_SIZE
    found = list(images[start : start + PAGE_SIZE + 1])
    return JsonResponse(
        {"images": [_choice(image) for image in found[:PAGE_SIZE]], "more": len(found) > PAGE_SIZE}
    )


@require_GET
@staff_member_required
@permission_required("images.view_image", raise_exception=True)
def image_thumbnail(request: HttpRequest, pk: int):
    """The editor's preview of a referenced image (the body stores its id, never a URL)."""
    image = get_object_or_404(Image.objects.only(*DELIVERY_FIELDS), pk=pk)
    return redirect(image.thumbnail_url())


@require_POST
@staff_member_required
@permission_required("images.add_image", raise_exception=True)
def image_upload(request: HttpRequest) -> JsonResponse:
    """A new library image from inside the editor: checked and cleaned like any upload."""
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    image = form.save(commit=False)
    image.store(form.original, by=request.user)
    return JsonResponse(_choice(image), status=201)
